import { readFileSync } from 'node:fs';
import { API_SCHEMA_FILE } from '@hub/schema';
import {
  buildSchema,
  getVariableValues,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../src/generated/graphql';
import { readdirSync, readFileSync as read } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { OPERATIONS_DIR } from '../src/operations';

/** Names of the operations in the example files. */
function exampleOperationNames(): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(read(path.join(OPERATIONS_DIR, file), 'utf8')).definitions)
    .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
}

describe('example operations', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as Array<
    [string, DocumentNode]
  >;

  it('has one typed document per example operation', () => {
    const names = exampleOperationNames().map((name) => `${name}Document`);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(documents.map(([name]) => name).sort()).toEqual(names.sort());
  });

  it('gives the playground variables only for operations that exist', () => {
    for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.variables.json'))) {
      const variables = JSON.parse(read(path.join(OPERATIONS_DIR, file), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(variables).filter((name) => !exampleOperationNames().includes(name))).toEqual([]);
    }
  });

  it('validates every typed document against the current API schema', () => {
    for (const [name, document] of documents) {
      expect({ name, errors: validate(schema, document).map((e) => e.message) }).toEqual({
        name,
        errors: [],
      });
    }
  });

  it('gives the playground variables that fit the types of their operation', () => {
    const operations = new Map(
      documents.flatMap(([, document]) =>
        document.definitions.flatMap((definition) =>
          definition.kind === Kind.OPERATION_DEFINITION && definition.name
            ? [[definition.name.value, definition] as const]
            : [],
        ),
      ),
    );
    for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.variables.json'))) {
      const variables = JSON.parse(read(path.join(OPERATIONS_DIR, file), 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
      for (const [name, values] of Object.entries(variables)) {
        const operation = operations.get(name) as OperationDefinitionNode;
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], values);
        expect({ file, name, errors: coerced.errors?.map((e) => e.message) ?? [] }).toEqual({
          file,
          name,
          errors: [],
        });
      }
    }
  });
});

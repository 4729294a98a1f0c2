import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, start__Name__ } from './helpers';

let __name__: TestSubgraph;
beforeAll(async () => {
  __name__ = await start__Name__();
});
afterAll(async () => __name__?.stop());

const operations = parse(
  readFileSync(path.resolve(__dirname, '../examples.graphql'), 'utf8'),
).definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** What the example mutations wrote: the id and version later operations take as variables. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  // In file order: the create comes first, the others use its id and version.
  for (const operation of operations) {
    it(`runs ${operation.name?.value ?? 'an operation'} without errors and with data`, async () => {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((definition) => [
          definition.variable.name.value,
          state[definition.variable.name.value],
        ]),
      );
      const { body } = await __name__.query(print(operation), variables, cpmrContributor);
      expect(body.errors).toBeUndefined();
      for (const value of Object.values(body.data ?? {})) {
        expect(value).toBeTruthy();
        const edges = (value as { edges?: unknown[] }).edges;
        if (edges) expect(edges.length).toBeGreaterThan(0);
        if (operation.operation === 'mutation') {
          const written = value as { id: string; version: number };
          Object.assign(state, { id: written.id, version: written.version });
        }
      }
    });
  }
});

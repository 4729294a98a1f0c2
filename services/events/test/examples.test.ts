import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, startEvents } from './helpers';

let events: TestSubgraph;
beforeAll(async () => {
  events = await startEvents();
});
afterAll(async () => events?.stop());

const operations = parse(
  readFileSync(path.resolve(__dirname, '../examples.graphql'), 'utf8'),
).definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** The event the example mutations work on: its id and last version. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  it('has queries and mutations', () => {
    expect(new Set(operations.map((operation) => operation.operation))).toEqual(
      new Set(['query', 'mutation']),
    );
  });

  for (const operation of operations) {
    it(`runs ${operation.name?.value ?? 'an operation'} without errors and with data`, async () => {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((definition) => [
          definition.variable.name.value,
          state[definition.variable.name.value],
        ]),
      );
      const { body } = await events.query(print(operation), variables, cpmrContributor);
      expect(body.errors).toBeUndefined();
      const results = Object.values(body.data ?? {});
      expect(results.length).toBeGreaterThan(0);
      for (const value of results) {
        expect(Array.isArray(value) ? value.length > 0 : Boolean(value)).toBe(true);
        // A list query of the examples always finds something.
        const edges = (value as { edges?: unknown[] }).edges;
        if (edges) expect(edges.length).toBeGreaterThan(0);
        const written = value as { id?: string; version?: number };
        if (operation.operation === 'mutation')
          Object.assign(state, { id: written.id, version: written.version });
      }
    });
  }
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corEditor, startDialogue } from './helpers';

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const operations = parse(
  readFileSync(path.resolve(__dirname, '../examples.graphql'), 'utf8'),
).definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** What the operations pass along: the consultation, its last version, its first question. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  it('covers the whole cycle', () => {
    expect(operations.map((operation) => operation.name?.value)).toEqual([
      'CreateConsultation',
      'AddQuestion',
      'OpenConsultation',
      'CreateResponse',
      'OpenConsultations',
      'CloseConsultation',
      'PublishConsultationResults',
      'ConsultationResults',
      'HousingNeedsMap',
    ]);
  });

  for (const operation of operations) {
    it(`runs ${operation.name?.value} without errors and with data`, async () => {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((definition) => {
          const name = definition.variable.name.value;
          return [name, name === 'idempotencyKey' ? randomUUID() : state[name]];
        }),
      );
      const { body } = await dialogue.query(print(operation), variables, corEditor);
      expect(body.errors).toBeUndefined();
      const [field, value] = Object.entries(body.data ?? {})[0]!;
      expect(value).toBeTruthy();
      const edges = (value as { edges?: unknown[] }).edges;
      if (edges) expect(edges.length).toBeGreaterThan(0);
      const written = value as { id?: string; version?: number; questions?: Array<{ id: string }> };
      if (operation.operation === 'mutation' && field !== 'createResponse') {
        Object.assign(state, { consultation: written.id, version: written.version });
        if (written.questions) state.question = written.questions[0]!.id;
      }
    });
  }

  it('ends with published results and a needs map cell for Kriti (suppressed: one response)', async () => {
    const { body } = await dialogue.query<{
      needsMap: { cells: Array<{ region: { code: string }; suppressed: boolean }> };
    }>('{ needsMap(policyArea: HOUSING, level: NUTS2) { cells { region { code } suppressed } } }');
    expect(body.data!.needsMap.cells).toEqual([{ region: { code: 'EL43' }, suppressed: true }]);
  });
});

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readExamples, runExample, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corEditor, startDialogue } from './helpers';

// Each example runs in file order as an editor of the CoR, without errors and with data: a fresh $idempotencyKey
// each, and the consultation, its last version and its first question passed along from the mutations' results.

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const examples = readExamples(path.resolve(__dirname, '../examples.graphql'));

/** What the operations pass along: the consultation, its last version, its first question. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  it('covers the whole cycle', () => {
    expect(examples.map((example) => example.name)).toEqual([
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

  for (const example of examples) {
    it(`runs ${example.name} without errors and with data`, async () => {
      const data = await runExample(dialogue, example, {
        variables: { ...state, idempotencyKey: randomUUID() },
        caller: corEditor,
      });
      const [field, value] = Object.entries(data)[0]!;
      const written = value as { id: string; version: number; questions?: Array<{ id: string }> };
      if (example.operation === 'mutation' && field !== 'createResponse') {
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

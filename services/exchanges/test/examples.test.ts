import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readExamples, runExample, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aerContributor, cemrContributor, corEditor, startExchanges } from './helpers';

// Each example runs in file order as the organisation its comment names, without errors and with data: a fresh
// $idempotencyKey each, and the programme, applications, pairing and last version passed along from the results.

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

const examples = readExamples(path.resolve(__dirname, '../examples.graphql'));

/** Who runs each example (the organiser unless named here). */
const CALLERS: Record<string, typeof corEditor> = {
  ApplyAsMentor: aerContributor,
  AcceptAsMentor: aerContributor,
  ApplyAsMentee: cemrContributor,
  AcceptAsMentee: cemrContributor,
  RecordFeedback: cemrContributor,
};

/** What the operations pass along. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  it('covers the whole cycle', () => {
    expect(examples.map((example) => example.name)).toEqual([
      'CreateProgramme',
      'OpenProgrammeCall',
      'ProgrammesWithOpenCalls',
      'ApplyAsMentor',
      'ApplyAsMentee',
      'SuggestedMentors',
      'ProposePairing',
      'AcceptAsMentor',
      'AcceptAsMentee',
      'ActivatePairing',
      'RecordFeedback',
      'CompletePairing',
      'Pairing',
    ]);
  });

  for (const example of examples) {
    it(`runs ${example.name} without errors and with data`, async () => {
      const data = await runExample(exchanges, example, {
        variables: { ...state, idempotencyKey: randomUUID() },
        caller: CALLERS[example.name] ?? corEditor,
      });
      const [field, value] = Object.entries(data)[0]!;
      const written = value as { id: string; version: number };
      if (field === 'createProgramme') Object.assign(state, { programme: written.id });
      if (example.name === 'ApplyAsMentor') state.mentorApplication = written.id;
      if (example.name === 'ApplyAsMentee') state.menteeApplication = written.id;
      if (field === 'createPairing') state.pairing = written.id;
      if (example.operation === 'mutation' && written.version) state.version = written.version;
    });
  }

  it('ends with a public, completed pairing', async () => {
    const { body } = await exchanges.query<{ pairing: { status: string } }>(
      'query ($id: ID!) { pairing(id: $id) { status } }',
      { id: state.pairing },
    );
    expect(body.data!.pairing.status).toBe('COMPLETED');
  });
});

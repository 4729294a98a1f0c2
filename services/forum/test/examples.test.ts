import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Caller } from '@hub/kit';
import { readExamples, runExample, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, cpmrModerator, eurocitiesContributor, startForum } from './helpers';

// Each example runs in file order, without errors and with data: mutations as a CPMR contributor (the reply as a
// Eurocities contributor, the lock as a CPMR moderator), queries anonymously. StartEventDiscussion's variables are
// the `# { … }` comment above it; the later ones need the thread it started, so they are given here.

let forum: TestSubgraph;
beforeAll(async () => {
  forum = await startForum();
});
afterAll(async () => forum?.stop());

const examples = readExamples(path.resolve(__dirname, '../examples.graphql'));

/** The thread StartEventDiscussion started: its id and version. */
const state: { threadId?: string; version?: number } = {};

const variablesFor: Record<string, () => Record<string, unknown>> = {
  ReplyInDiscussion: () => ({
    input: {
      idempotencyKey: randomUUID(),
      thread: state.threadId,
      body: 'Will the visit include the reception centre?',
    },
  }),
  ThreadWithPosts: () => ({ id: state.threadId }),
  LockDiscussion: () => ({
    input: {
      id: state.threadId,
      version: state.version,
      reason: 'The study visit took place; see the report.',
    },
  }),
};

/** Who runs a mutation other than as a CPMR contributor. */
const callerFor: Record<string, Caller> = {
  ReplyInDiscussion: eurocitiesContributor,
  LockDiscussion: cpmrModerator,
};

describe('examples.graphql', () => {
  it('holds the operations this test knows how to run', () => {
    expect(examples.map((example) => example.name)).toEqual([
      'StartEventDiscussion',
      'ReplyInDiscussion',
      'OpenThreadsOfPortugal',
      'HousingThreadsByRecentActivity',
      'ThreadWithPosts',
      'LockDiscussion',
    ]);
  });

  for (const example of examples) {
    it(`runs ${example.name} without errors and with data`, async () => {
      const data = await runExample(forum, example, {
        variables: variablesFor[example.name]?.(),
        caller: example.operation === 'mutation' ? (callerFor[example.name] ?? cpmrContributor) : undefined,
      });
      if (example.name === 'StartEventDiscussion') {
        const thread = data.startThread as { id: string; version: number };
        Object.assign(state, { threadId: thread.id, version: thread.version });
      }
    });
  }
});

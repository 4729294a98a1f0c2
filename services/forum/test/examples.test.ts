import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, cpmrModerator, eurocitiesContributor, startForum } from './helpers';

let forum: TestSubgraph;
beforeAll(async () => {
  forum = await startForum();
});
afterAll(async () => forum?.stop());

const operations = parse(
  readFileSync(path.resolve(__dirname, '../examples.graphql'), 'utf8'),
).definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** What the previous operations created, for the variables of the next ones. */
const created: { threadId?: string } = {};

const variablesFor: Record<string, () => Record<string, unknown>> = {
  StartEventDiscussion: () => ({
    input: {
      idempotencyKey: randomUUID(),
      event: randomUUID(),
      title: 'Study visit on housing for refugees: questions and follow-up',
      body: 'Questions before the visit, and **notes** afterwards. See the [programme](https://example.org/programme).',
      regions: ['PT17', 'ES61'],
      strand: 'CAPACITY_BUILDING',
      policyAreas: ['HOUSING'],
      targetGroups: ['BENEFICIARIES_OF_INTERNATIONAL_PROTECTION'],
    },
  }),
  ReplyInDiscussion: () => ({
    input: {
      idempotencyKey: randomUUID(),
      thread: created.threadId,
      body: 'Will the visit include the reception centre?',
    },
  }),
  ThreadWithPosts: () => ({ id: created.threadId }),
  LockDiscussion: () => ({
    input: { id: created.threadId, version: 1, reason: 'The study visit took place; see the report.' },
  }),
};

describe('examples.graphql', () => {
  it('holds the operations this test knows how to run', () => {
    expect(operations.map((operation) => operation.name?.value)).toEqual([
      'StartEventDiscussion',
      'ReplyInDiscussion',
      'OpenThreadsOfPortugal',
      'HousingThreadsByRecentActivity',
      'ThreadWithPosts',
      'LockDiscussion',
    ]);
  });

  for (const operation of operations) {
    const name = operation.name?.value ?? 'an operation';
    it(`runs ${name} without errors and with data`, async () => {
      const caller =
        name === 'ReplyInDiscussion'
          ? eurocitiesContributor
          : name === 'LockDiscussion'
            ? cpmrModerator
            : cpmrContributor;
      const { body } = await forum.query(
        print(operation),
        variablesFor[name]?.() ?? {},
        operation.operation === 'mutation' ? caller : undefined,
      );
      expect(body.errors).toBeUndefined();
      const [result] = Object.values(body.data ?? {}) as Array<Record<string, unknown> | null>;
      expect(result).toBeTruthy();
      if (result && 'edges' in result) expect((result.edges as unknown[]).length).toBeGreaterThan(0);
      if (name === 'StartEventDiscussion') created.threadId = result!.id as string;
    });
  }
});

import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  codeOf,
  count,
  cpmrContributor,
  cpmrModerator,
  EDIT,
  expectFieldError,
  HIDE,
  eurocitiesContributor,
  reply,
  REPLY,
  sql,
  START,
  startForum,
  startThread,
  threadInput,
  type PostData,
  type ThreadData,
} from './helpers';

let forum: TestSubgraph;
beforeAll(async () => {
  forum = await startForum();
});
afterAll(async () => forum?.stop());

interface AuditRow {
  entity: string;
  entity_id: string;
  action: string;
  subject: string;
  organisation_id: string;
  changed_fields: string[];
}

const lastAudit = async () =>
  (
    await sql<AuditRow>(
      forum,
      'SELECT entity, entity_id, action, subject, organisation_id, changed_fields FROM hub_audit_log ORDER BY id DESC LIMIT 1',
    )
  )[0];

describe('idempotency keys', () => {
  it('startThread: a retry with the same key and input returns the first thread and writes nothing', async () => {
    const input = threadInput({ regions: ['SE11'], policyAreas: ['HEALTH'] });
    const first = await forum.query<{ startThread: ThreadData }>(START, { input }, cpmrContributor);
    expect(first.body.errors).toBeUndefined();
    const threads = await count(forum, 'thread');
    const audits = await count(forum, 'hub_audit_log');
    const retry = await forum.query<{ startThread: ThreadData }>(START, { input }, cpmrContributor);
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.startThread).toEqual(first.body.data!.startThread);
    expect(await count(forum, 'thread')).toBe(threads);
    expect(await count(forum, 'hub_audit_log')).toBe(audits);
  });

  it('startThread: the same key with another input is a CONFLICT', async () => {
    const input = threadInput();
    expect((await forum.query(START, { input }, cpmrContributor)).body.errors).toBeUndefined();
    const other = await forum.query(START, { input: { ...input, title: 'Another title' } }, cpmrContributor);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(other.body.errors?.[0]?.message).toMatch(/idempotency/i);
  });

  it('reply: concurrent retries with one key write one post', async () => {
    const thread = await startThread(forum);
    const input = { idempotencyKey: randomUUID(), thread: thread.id, body: 'Said once.' };
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        forum.query<{ reply: PostData }>(REPLY, { input }, eurocitiesContributor),
      ),
    );
    for (const result of results) expect(result.body.errors).toBeUndefined();
    expect(new Set(results.map((result) => result.body.data!.reply.id)).size).toBe(1);
    const [row] = await sql<{ n: string }>(forum, 'SELECT count(*) AS n FROM post WHERE thread_id = ?', [
      thread.id,
    ]);
    expect(Number(row!.n)).toBe(2);
  });
});

describe('audit records', () => {
  it('records exactly one row per write, with who, which organisation and what', async () => {
    const audits = await count(forum, 'hub_audit_log');
    const thread = await startThread(forum, { regions: ['AT13'], strand: 'DIALOGUE' });
    expect(await lastAudit()).toEqual({
      entity: 'Thread',
      entity_id: thread.id,
      action: 'start',
      subject: 'contributor-cpmr',
      organisation_id: 'cpmr',
      changed_fields: ['title', 'body', 'regions', 'strand'],
    });
    const post = await reply(forum, thread.id, 'Hello.', eurocitiesContributor);
    expect(await lastAudit()).toMatchObject({ entity: 'Post', entity_id: post.id, action: 'reply' });
    const edited = await forum.query(
      EDIT,
      { id: post.id, version: 1, body: 'Hello!' },
      eurocitiesContributor,
    );
    expect(edited.body.errors).toBeUndefined();
    expect(await lastAudit()).toMatchObject({ action: 'edit', changed_fields: ['body'] });
    const hidden = await forum.query(HIDE, { id: post.id, version: 2, reason: 'Test' }, cpmrModerator);
    expect(hidden.body.errors).toBeUndefined();
    expect(await lastAudit()).toMatchObject({
      action: 'hide',
      subject: 'moderator-cpmr',
      changed_fields: ['hidden', 'moderationReason'],
    });
    expect(await count(forum, 'hub_audit_log')).toBe(audits + 4);
  });

  it('serves the audit log to admins only', async () => {
    const query = '{ forumAuditLog(entity: "Thread", first: 1) { totalCount edges { node { action } } } }';
    expect(codeOf((await forum.query(query, {}, cpmrModerator)).body)).toBe('FORBIDDEN');
    const { body } = await forum.query<{ forumAuditLog: { totalCount: number } }>(query, {}, admin);
    expect(body.errors).toBeUndefined();
    expect(body.data!.forumAuditLog.totalCount).toBeGreaterThan(0);
  });
});

describe('optimistic locking', () => {
  let thread: ThreadData;
  beforeAll(async () => {
    thread = await startThread(forum);
  });

  it('editPost with a stale version is a CONFLICT with currentVersion, and writes nothing', async () => {
    const first = await forum.query<{ editPost: PostData }>(
      EDIT,
      { id: thread.openingPost.id, version: 1, body: 'Edit one.' },
      cpmrContributor,
    );
    expect(first.body.data!.editPost.version).toBe(2);
    const stale = await forum.query(
      EDIT,
      { id: thread.openingPost.id, version: 1, body: 'Edit two.' },
      cpmrContributor,
    );
    expect(stale.body.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', currentVersion: 2 });
    const [row] = await sql<{ body: string }>(forum, 'SELECT body FROM post WHERE id = ?', [
      thread.openingPost.id,
    ]);
    expect(row!.body).toBe('Edit one.');
  });

  it('lockThread with a stale version is a CONFLICT; replies do not change the thread version', async () => {
    await reply(forum, thread.id, 'A reply does not move the version.', eurocitiesContributor);
    const lock = (version: number) =>
      forum.query<{ lockThread: { version: number; status: string } }>(
        'mutation ($id: ID!, $version: Int!) { lockThread(input: { id: $id, version: $version }) { version status } }',
        { id: thread.id, version },
        cpmrModerator,
      );
    const locked = await lock(thread.version);
    expect(locked.body.data!.lockThread).toEqual({ version: 2, status: 'LOCKED' });
    const stale = await lock(1);
    expect(stale.body.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('concurrent edits with the same version: one wins, the others get CONFLICT', async () => {
    const fresh = await startThread(forum);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((text) =>
        forum.query(EDIT, { id: fresh.openingPost.id, version: 1, body: text }, cpmrContributor),
      ),
    );
    const codes = results.map((result) => codeOf(result.body) ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(2);
  });
});

describe('one discussion per event', () => {
  it('a second thread for an event is a CONFLICT naming the existing thread', async () => {
    const event = randomUUID();
    const first = await startThread(forum, { event });
    const second = await forum.query(START, { input: threadInput({ event }) }, eurocitiesContributor);
    expect(second.body.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', existingId: first.id });
    expect(second.body.errors?.[0]?.message).toContain(first.id);
  });

  it('holds when two partners start it at the same time', async () => {
    const event = randomUUID();
    const results = await Promise.all(
      [cpmrContributor, eurocitiesContributor, admin].map((caller) =>
        forum.query<{ startThread: ThreadData }>(START, { input: threadInput({ event }) }, caller),
      ),
    );
    const winners = results.filter((result) => !result.body.errors);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.body.errors)) {
      expect(loser.body.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        existingId: winners[0]!.body.data!.startThread.id,
      });
    }
  });

  it('refuses a malformed event id', async () => {
    const { body } = await forum.query(START, { input: threadInput({ event: 'event-1' }) }, cpmrContributor);
    expectFieldError(body.errors, 'input.event');
  });
});

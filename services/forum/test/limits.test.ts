import { randomUUID } from 'node:crypto';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as forumSubgraph } from '../src';
import {
  codeOf,
  count,
  cpmrContributor,
  EDIT,
  expectFieldError,
  HIDE,
  eurocitiesContributor,
  reply,
  REPLY,
  START,
  startForum,
  startThread,
  threadInput,
} from './helpers';

let forum: TestSubgraph;
let strict: TestSubgraph;
beforeAll(async () => {
  forum = await startForum();
  strict = await startForum({ postsPerMinute: 3 });
});
afterAll(async () => {
  await forum?.stop();
  await strict?.stop();
});

describe('length limits', () => {
  it('refuses titles outside 3-200 characters and bodies outside 1-10,000, naming field and limit', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ title: 'ab' }, 'input.title', '3-200'],
      [{ title: '   ab   ' }, 'input.title', '3-200'],
      [{ title: 'x'.repeat(201) }, 'input.title', '3-200'],
      [{ body: '' }, 'input.body', '1-10,000'],
      [{ body: ' \n\t ' }, 'input.body', '1-10,000'],
      [{ body: 'x'.repeat(10_001) }, 'input.body', '1-10,000'],
    ];
    const before = await count(forum, 'thread');
    for (const [change, path, range] of cases) {
      const { body } = await forum.query(START, { input: threadInput(change) }, cpmrContributor);
      const [message] = expectFieldError(body.errors, path);
      expect(message).toMatch(new RegExp(`must be ${range} characters long \\(got [\\d,]+\\)`));
      expect(body.errors?.[0]?.message).toContain(path);
    }
    expect(await count(forum, 'thread')).toBe(before);
  });

  it('accepts the limits themselves, counting characters rather than UTF-16 units', async () => {
    await startThread(forum, { title: 'abc', body: 'x' });
    await startThread(forum, { title: '🇪🇺'.repeat(100), body: '€'.repeat(10_000) });
    const thread = await startThread(forum, { body: '😀'.repeat(10_000) });
    const tooLong = await forum.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: thread.id, body: '😀'.repeat(10_001) } },
      cpmrContributor,
    );
    expectFieldError(tooLong.body.errors, 'input.body');
    const edited = await forum.query(
      EDIT,
      { id: thread.openingPost.id, version: 1, body: '' },
      cpmrContributor,
    );
    expectFieldError(edited.body.errors, 'input.body');
  });

  it('refuses a hide reason outside 1-500 characters', async () => {
    const thread = await startThread(forum);
    const { body } = await forum.query(
      HIDE,
      { id: thread.openingPost.id, version: 1, reason: 'x'.repeat(501) },
      testCaller('cpmr', ['moderator'], 'moderator-cpmr'),
    );
    expectFieldError(body.errors, 'input.reason');
  });
});

describe('posting rate limit', () => {
  it('allows postsPerMinute new posts (threads and replies) per author, then RATE_LIMITED with retryAfterSeconds', async () => {
    const author = testCaller('cpmr', ['contributor'], 'fast-writer');
    const thread = await startThread(strict, {}, author);
    await reply(strict, thread.id, 'Two.', author);
    await reply(strict, thread.id, 'Three.', author);
    const posts = await count(strict, 'post');
    const audits = await count(strict, 'hub_audit_log');
    for (const attempt of [
      () => strict.query(START, { input: threadInput() }, author),
      () =>
        strict.query(
          REPLY,
          { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Four.' } },
          author,
        ),
    ]) {
      const { body } = await attempt();
      const error = body.errors?.[0];
      expect(error?.extensions?.code).toBe('RATE_LIMITED');
      expect(error?.message).toMatch(/3 posts in the last 60 seconds.*try again in \d+ seconds?/);
      const retryAfter = error?.extensions?.retryAfterSeconds as number;
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect(await count(strict, 'post')).toBe(posts);
    expect(await count(strict, 'hub_audit_log')).toBe(audits);
    // Others are not affected; edits are not new posts.
    await reply(strict, thread.id, 'Someone else.', eurocitiesContributor);
    const edit = await strict.query(EDIT, { id: thread.openingPost.id, version: 1, body: 'Edited.' }, author);
    expect(edit.body.errors).toBeUndefined();
  });

  it('counts in a sliding window: posts older than a minute no longer count', async () => {
    const author = testCaller('cpmr', ['contributor'], 'patient-writer');
    const thread = await startThread(strict, {}, author);
    await reply(strict, thread.id, 'Two.', author);
    await reply(strict, thread.id, 'Three.', author);
    const refused = await strict.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Four.' } },
      author,
    );
    expect(codeOf(refused.body)).toBe('RATE_LIMITED');
    // Age the oldest post past the window (as if 61 seconds had passed for it).
    await strict.orm.em
      .fork()
      .execute("UPDATE post SET created_at = created_at - interval '61 seconds' WHERE id = ?", [
        thread.openingPost.id,
      ]);
    await reply(strict, thread.id, 'Four, a minute later.', author);
  });

  it('holds under concurrency: of 8 simultaneous posts, exactly postsPerMinute succeed', async () => {
    const author = testCaller('cpmr', ['contributor'], 'burst-writer');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => strict.query(START, { input: threadInput() }, author)),
    );
    const codes = results.map((result) => codeOf(result.body) ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('an idempotent retry is not a new post', async () => {
    const author = testCaller('cpmr', ['contributor'], 'retrying-writer');
    const input = threadInput();
    const results = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      results.push(await strict.query(START, { input }, author));
    expect(results.every((result) => result.body.errors === undefined)).toBe(true);
  });

  it('defaults to 10 posts per minute', async () => {
    const standard = await startTestSubgraph(forumSubgraph, inject('databaseServerUrl'), {
      logLevel: 'error',
    });
    try {
      const author = testCaller('eurocities', ['contributor'], 'default-writer');
      const thread = await startThread(standard, {}, author);
      for (let n = 2; n <= 10; n += 1) await reply(standard, thread.id, `Post ${n}.`, author);
      const eleventh = await standard.query(
        REPLY,
        { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Post 11.' } },
        author,
      );
      expect(codeOf(eleventh.body)).toBe('RATE_LIMITED');
      expect(eleventh.body.errors?.[0]?.message).toContain('10 posts');
    } finally {
      await standard.stop();
    }
  });
});

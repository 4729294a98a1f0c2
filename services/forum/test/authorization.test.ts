import { randomUUID } from 'node:crypto';
import type { Caller } from '@hub/kit';
import { testCaller, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  codeOf,
  count,
  cpmrContributor,
  cpmrEditor,
  cpmrModerator,
  EDIT,
  HIDE,
  eurocitiesContributor,
  eurocitiesModerator,
  reply,
  REPLY,
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

const edit = (post: { id: string; version: number }, text: string, caller: Caller) =>
  forum.query<{ editPost: PostData }>(EDIT, { id: post.id, version: post.version, body: text }, caller);

const setStatus = (
  mutation: string,
  thread: { id: string; version: number },
  caller: Caller,
  reason?: string,
) =>
  forum.query<Record<string, { status: string; statusReason: string | null; version: number }>>(
    `mutation ($id: ID!, $version: Int!${reason ? ', $reason: String' : ''}) {
       ${mutation}(input: { id: $id, version: $version${reason ? ', reason: $reason' : ''} }) { status statusReason version }
     }`,
    { id: thread.id, version: thread.version, ...(reason ? { reason } : {}) },
    caller,
  );

const hide = (postId: string, caller: Caller, version = 1) =>
  forum.query(HIDE, { id: postId, version, reason: 'Spam' }, caller);

async function threadNow(id: string): Promise<{ id: string; version: number; status: string }> {
  const { body } = await forum.query<{ thread: { id: string; version: number; status: string } }>(
    'query ($id: ID!) { thread(id: $id) { id version status } }',
    { id },
  );
  return body.data!.thread;
}

describe('who may post', () => {
  it('refuses anonymous callers (UNAUTHENTICATED), callers without a role or organisation (FORBIDDEN)', async () => {
    const before = await count(forum, 'post');
    const anonymous = await forum.query(START, { input: threadInput() });
    expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
    const noRole = await forum.query(START, { input: threadInput() }, testCaller('cpmr', [], 'reader-cpmr'));
    expect(codeOf(noRole.body)).toBe('FORBIDDEN');
    const noOrganisation: Caller = {
      subject: 'admin-x',
      displayName: 'Admin',
      organisationId: null,
      roles: ['admin'],
    };
    const orphan = await forum.query(START, { input: threadInput() }, noOrganisation);
    expect(orphan.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('names no organisation'),
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await count(forum, 'post')).toBe(before);
  });

  it('lets contributors, editors, moderators and admins post, each for their own organisation', async () => {
    for (const caller of [cpmrContributor, cpmrEditor, cpmrModerator, admin]) {
      const thread = await startThread(forum, {}, caller);
      expect(thread.organisation.id).toBe(caller.organisationId);
      const post = await reply(forum, thread.id, 'Reply.', caller);
      expect(post.organisation.id).toBe(caller.organisationId);
    }
  });
});

describe('editPost', () => {
  let thread: ThreadData;
  let post: PostData;
  beforeAll(async () => {
    thread = await startThread(forum, { title: 'Editing rules' });
    post = await reply(forum, thread.id, 'Original text.', eurocitiesContributor);
  });

  it("refuses everyone but the author: another organisation, the author's colleagues, moderators, admins", async () => {
    const audits = await count(forum, 'hub_audit_log');
    const movedAuthor = testCaller('cpmr', ['contributor'], eurocitiesContributor.subject!);
    for (const caller of [
      cpmrContributor,
      cpmrModerator,
      testCaller('eurocities', ['editor'], 'editor-eurocities'),
      eurocitiesModerator,
      admin,
      movedAuthor,
    ]) {
      const { body } = await edit(post, 'Changed by someone else.', caller);
      expect(codeOf(body), caller.subject!).toBe('FORBIDDEN');
    }
    const anonymous = await edit(post, 'Changed anonymously.', {
      ...cpmrContributor,
      subject: null,
      roles: [],
    });
    expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
    expect(await count(forum, 'hub_audit_log')).toBe(audits);
    const [row] = await forum.orm.em
      .fork()
      .execute<Array<{ body: string; version: number }>>('SELECT body, version FROM post WHERE id = ?', [
        post.id,
      ]);
    expect(row).toEqual({ body: 'Original text.', version: 1 });
  });

  it('lets the author edit: new text and HTML, editedAt, version + 1; canEdit only for them', async () => {
    const { body } = await edit(post, 'Corrected *text*.', eurocitiesContributor);
    expect(body.errors).toBeUndefined();
    expect(body.data!.editPost).toMatchObject({
      body: 'Corrected *text*.',
      bodyHtml: '<p>Corrected <em>text</em>.</p>',
      version: 2,
      canEdit: true,
      editedAt: expect.any(String),
    });
    const other = await forum.query<{ thread: { posts: { edges: Array<{ node: { canEdit: boolean } }> } } }>(
      'query ($id: ID!) { thread(id: $id) { posts { edges { node { canEdit } } } } }',
      { id: thread.id },
      cpmrContributor,
    );
    // cpmrContributor wrote the opening post, not the reply.
    expect(other.body.data!.thread.posts.edges.map((edge) => edge.node.canEdit)).toEqual([true, false]);
    post = body.data!.editPost;
  });

  it('an edited opening post is searched with its new text', async () => {
    const search = async (words: string) =>
      (
        await forum.query<{ threads: { totalCount: number } }>(
          'query ($s: String) { threads(filter: { search: $s }) { totalCount } }',
          { s: words },
        )
      ).body.data!.threads.totalCount;
    const started = await startThread(forum, { title: 'Searchable', body: 'Kalamata olives' });
    expect(await search('kalamata')).toBe(1);
    const { body } = await edit(
      { id: started.openingPost.id, version: 1 },
      'Thessaloniki figs',
      cpmrContributor,
    );
    expect(body.errors).toBeUndefined();
    expect(await search('kalamata')).toBe(0);
    expect(await search('thessaloniki')).toBe(1);
  });
});

describe('moderation', () => {
  let thread: ThreadData;
  let post: PostData;
  beforeAll(async () => {
    thread = await startThread(forum, { title: 'Moderated thread' });
    post = await reply(forum, thread.id, 'A reply from another partner.', eurocitiesContributor);
  });

  it("refuses hiding by non-moderators and by moderators of another organisation than the thread's", async () => {
    for (const caller of [cpmrContributor, cpmrEditor, eurocitiesContributor, eurocitiesModerator]) {
      const { body } = await hide(post.id, caller);
      expect(codeOf(body), caller.subject!).toBe('FORBIDDEN');
    }
    expect(codeOf((await hide(post.id, { ...cpmrModerator, subject: null })).body)).toBe('UNAUTHENTICATED');
  });

  it("lets moderators of the thread's organisation hide any post in it (also another partner's), and admins", async () => {
    const { body } = await hide(post.id, cpmrModerator);
    expect(body.errors).toBeUndefined();
    const second = await reply(forum, thread.id, 'Another reply.', eurocitiesContributor);
    expect((await hide(second.id, admin)).body.errors).toBeUndefined();
    // A hidden post can no longer be edited by its author.
    const edited = await edit({ id: post.id, version: 2 }, 'Sneaky change.', eurocitiesContributor);
    expect(codeOf(edited.body)).toBe('FORBIDDEN');
  });

  it("refuses locking by non-moderators and by other organisations' moderators", async () => {
    for (const caller of [cpmrContributor, cpmrEditor, eurocitiesModerator]) {
      const { body } = await setStatus('lockThread', thread, caller);
      expect(codeOf(body), caller.subject!).toBe('FORBIDDEN');
    }
    expect((await threadNow(thread.id)).status).toBe('OPEN');
  });

  it('a locked thread takes no replies and no edits (FORBIDDEN, with the reason), until unlocked', async () => {
    const locked = await setStatus('lockThread', thread, cpmrModerator, 'Heated debate');
    expect(locked.body.errors).toBeUndefined();
    expect(locked.body.data!.lockThread).toEqual({
      status: 'LOCKED',
      statusReason: 'Heated debate',
      version: 2,
    });
    const posts = await count(forum, 'post');

    const replied = await forum.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Let me add…' } },
      eurocitiesContributor,
    );
    expect(replied.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/locked.*Heated debate/),
      extensions: { code: 'FORBIDDEN' },
    });
    // Moderators and admins may not post into it either.
    for (const caller of [cpmrModerator, admin]) {
      const { body } = await forum.query(
        REPLY,
        { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Closing words.' } },
        caller,
      );
      expect(codeOf(body)).toBe('FORBIDDEN');
    }
    const edited = await edit({ id: thread.openingPost.id, version: 1 }, 'Changed.', cpmrContributor);
    expect(codeOf(edited.body)).toBe('FORBIDDEN');
    expect(await count(forum, 'post')).toBe(posts);

    const unlocked = await setStatus('unlockThread', { id: thread.id, version: 2 }, admin);
    expect(unlocked.body.data!.unlockThread).toEqual({ status: 'OPEN', statusReason: null, version: 3 });
    await reply(forum, thread.id, 'Open again.', eurocitiesContributor);
  });

  it('an archived thread takes no replies either, but can still be moderated', async () => {
    const current = await threadNow(thread.id);
    const archived = await setStatus('archiveThread', current, cpmrModerator);
    expect(archived.body.data!.archiveThread!.status).toBe('ARCHIVED');
    const { body } = await forum.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: thread.id, body: 'Hello?' } },
      cpmrContributor,
    );
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('archived'),
      extensions: { code: 'FORBIDDEN' },
    });
    // Moderation goes on in closed threads.
    expect((await hide(thread.openingPost.id, cpmrModerator)).body.errors).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import type { Caller } from '@hub/kit';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  codeOf,
  cpmrContributor,
  cpmrModerator,
  eurocitiesContributor,
  eurocitiesModerator,
  expectFieldError,
  HIDE,
  reply,
  REPLY,
  startForum,
  startThread,
  type PostData,
  type ThreadData,
} from './helpers';

let forum: TestSubgraph;
let thread: ThreadData;
const replies: PostData[] = [];

beforeAll(async () => {
  forum = await startForum();
  thread = await startThread(forum, { title: 'Mentoring between cities', regions: ['NL32'] });
  replies.push(await reply(forum, thread.id, 'First reply.', eurocitiesContributor));
  replies.push(await reply(forum, thread.id, 'Second reply, to the first.', cpmrContributor, replies[0]!.id));
  replies.push(await reply(forum, thread.id, 'Third reply.', eurocitiesContributor));
});
afterAll(async () => forum?.stop());

interface PostsPage {
  totalCount: number;
  edges: Array<{ node: { id: string; body: string | null; bodyHtml: string | null; hidden: boolean } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const POSTS = /* GraphQL */ `
  query ($id: ID!, $first: Int, $after: String) {
    thread(id: $id) {
      postCount
      lastActivityAt
      posts(first: $first, after: $after) {
        totalCount
        edges {
          node {
            id
            body
            bodyHtml
            hidden
            moderationReason
            replyTo {
              id
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

async function postsOf(variables: Record<string, unknown> = {}, caller?: Caller) {
  const { body } = await forum.query<{
    thread: { postCount: number; lastActivityAt: string; posts: PostsPage };
  }>(POSTS, { id: thread.id, ...variables }, caller);
  expect(body.errors).toBeUndefined();
  return body.data!.thread;
}

const hide = (postId: string, caller: Caller, reason = 'Off topic', version = 1) =>
  forum.query<{ hidePost: PostData }>(HIDE, { id: postId, version, reason }, caller);

const UNHIDE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    unhidePost(input: { id: $id, version: $version }) {
      hidden
      moderationReason
      body
      version
      thread {
        postCount
      }
    }
  }
`;

describe('Thread.posts', () => {
  it('lists the opening post first, then the replies in the order written', async () => {
    const { posts, postCount } = await postsOf();
    expect(posts.edges.map((edge) => edge.node.id)).toEqual([
      thread.openingPost.id,
      ...replies.map((r) => r.id),
    ]);
    expect(posts.totalCount).toBe(4);
    expect(postCount).toBe(4);
    expect(replies[1]!.replyTo).toEqual({ id: replies[0]!.id });
    expect(replies[0]!.author).toEqual({
      displayName: 'Test contributor of eurocities',
      organisation: { id: 'eurocities' },
    });
  });

  it('pages with cursors', async () => {
    const first = await postsOf({ first: 3 });
    expect(first.posts.pageInfo.hasNextPage).toBe(true);
    const second = await postsOf({ first: 3, after: first.posts.pageInfo.endCursor });
    expect(second.posts.pageInfo.hasNextPage).toBe(false);
    expect([...first.posts.edges, ...second.posts.edges].map((edge) => edge.node.id)).toEqual([
      thread.openingPost.id,
      ...replies.map((r) => r.id),
    ]);
    const foreign = await forum.query(POSTS, { id: thread.id, after: 'WyJ4Il0' });
    expect(codeOf(foreign.body)).toBe('BAD_USER_INPUT');
  });

  it('keeps lastActivityAt at the latest post', async () => {
    const { lastActivityAt } = await postsOf();
    expect(lastActivityAt).toBe(replies[2]!.createdAt);
    expect(Date.parse(replies[2]!.createdAt)).toBeGreaterThan(Date.parse(replies[0]!.createdAt));
  });
});

describe('replyTo', () => {
  it('must be a post of the same thread', async () => {
    const other = await startThread(forum, { title: 'Another thread' });
    for (const replyTo of [other.openingPost.id, randomUUID(), 'nope']) {
      const { body } = await forum.query(
        REPLY,
        { input: { idempotencyKey: randomUUID(), thread: thread.id, replyTo, body: 'Hello' } },
        cpmrContributor,
      );
      expectFieldError(body.errors, 'input.replyTo');
    }
  });

  it('replying to an unknown thread is NOT_FOUND, to a malformed id BAD_USER_INPUT', async () => {
    const unknown = await forum.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: randomUUID(), body: 'Hello' } },
      cpmrContributor,
    );
    expect(codeOf(unknown.body)).toBe('NOT_FOUND');
    const malformed = await forum.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: 'x', body: 'Hello' } },
      cpmrContributor,
    );
    expectFieldError(malformed.body.errors, 'input.thread');
  });
});

describe('hidden posts', () => {
  it("keep their place but withhold their text from all but the thread's moderators and admins", async () => {
    const hidden = await hide(replies[0]!.id, cpmrModerator, 'Personal data');
    expect(hidden.body.errors).toBeUndefined();
    expect(hidden.body.data!.hidePost).toMatchObject({
      hidden: true,
      moderationReason: 'Personal data',
      thread: { postCount: 3 },
    });
    const text = (posts: PostsPage) => posts.edges[1]!.node;
    for (const caller of [undefined, cpmrContributor, eurocitiesContributor, eurocitiesModerator]) {
      const { posts, postCount } = await postsOf({}, caller);
      expect(posts.totalCount).toBe(4);
      expect(postCount).toBe(3);
      expect(text(posts)).toMatchObject({ id: replies[0]!.id, hidden: true, body: null, bodyHtml: null });
      // The reply to it still points at it.
      expect(posts.edges[2]!.node).toMatchObject({
        replyTo: { id: replies[0]!.id },
        body: expect.any(String),
      });
    }
    for (const caller of [cpmrModerator, admin]) {
      const { posts } = await postsOf({}, caller);
      expect(text(posts)).toMatchObject({ body: 'First reply.', bodyHtml: '<p>First reply.</p>' });
    }
  });

  it('leave lastActivityAt at the latest visible post, and come back when shown again', async () => {
    const latest = replies[2]!;
    expect((await hide(latest.id, admin)).body.errors).toBeUndefined();
    expect((await postsOf()).lastActivityAt).toBe(replies[1]!.createdAt);
    const shown = await forum.query<{ unhidePost: PostData }>(
      UNHIDE,
      { id: latest.id, version: 2 },
      cpmrModerator,
    );
    expect(shown.body.errors).toBeUndefined();
    expect(shown.body.data!.unhidePost).toMatchObject({
      hidden: false,
      moderationReason: null,
      body: 'Third reply.',
      thread: { postCount: 3 },
    });
    expect((await postsOf()).lastActivityAt).toBe(latest.createdAt);
  });

  it('hidePost and unhidePost check the version the moderator read: CONFLICT with currentVersion, nothing written', async () => {
    const post = await reply(forum, thread.id, 'A reply to moderate twice.', eurocitiesContributor);
    expect((await hide(post.id, cpmrModerator, 'First look')).body.data!.hidePost.version).toBe(2);
    // A second moderator still holding version 1 cannot overwrite the first one's reason …
    const staleHide = await hide(post.id, admin, 'Second look', 1);
    expect(staleHide.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    // … nor show it again.
    const staleShow = await forum.query(UNHIDE, { id: post.id, version: 1 }, admin);
    expect(staleShow.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const { posts } = await postsOf({ first: 100 }, admin);
    expect(posts.edges.find((edge) => edge.node.id === post.id)?.node).toMatchObject({
      hidden: true,
      moderationReason: 'First look',
    });
    const shown = await forum.query<{ unhidePost: PostData }>(UNHIDE, { id: post.id, version: 2 }, admin);
    expect(shown.body.data!.unhidePost).toMatchObject({ hidden: false, version: 3 });
  });

  it('hidden opening posts are no longer found by search', async () => {
    const searched = await startThread(forum, { title: 'Hidden words', body: 'Zanzibar prototype' });
    const find = async () =>
      (
        await forum.query<{ threads: { totalCount: number } }>(
          '{ threads(filter: { search: "zanzibar" }) { totalCount } }',
        )
      ).body.data!.threads.totalCount;
    expect(await find()).toBe(1);
    expect((await hide(searched.openingPost.id, cpmrModerator)).body.errors).toBeUndefined();
    expect(await find()).toBe(0);
  });
});

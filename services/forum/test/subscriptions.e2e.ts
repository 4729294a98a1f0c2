import { subscribeForTest, waitFor, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ThreadChange } from '../src/entities/enums';
import { THREAD_CHANGED } from '../src/writes/thread-changed.write';
import { cpmrModerator, eurocitiesContributor, reply, startForum, startThread } from './helpers';

let forum: TestSubgraph;
beforeAll(async () => {
  forum = await startForum();
});
afterAll(async () => forum?.stop());
// Each test counts the bus listeners its subscriptions add: start from none.
afterEach(() => waitFor(() => forum.bus.activeListeners(THREAD_CHANGED) === 0, 'teardown'));

const POST_ADDED = /* GraphQL */ `
  subscription ($thread: ID!) {
    postAdded(thread: $thread) {
      body
      bodyHtml
      hidden
    }
  }
`;
const THREAD_ACTIVITY = /* GraphQL */ `
  subscription ($region: ID, $organisation: ID) {
    threadActivity(region: $region, organisation: $organisation) {
      change
      thread {
        title
        status
        postCount
      }
      post {
        body
        hidden
      }
    }
  }
`;

async function watch(query: string, variables: Record<string, unknown>, caller?: typeof cpmrModerator) {
  const before = forum.bus.activeListeners(THREAD_CHANGED);
  const subscription = await subscribeForTest<Record<string, never>>(forum.url, query, variables, { caller });
  await waitFor(() => forum.bus.activeListeners(THREAD_CHANGED) === before + 1, 'the subscription');
  return subscription;
}

describe('forum subscriptions', () => {
  it('postAdded pushes the replies of one thread, rendered and sanitised', async () => {
    const thread = await startThread(forum, { regions: ['FRH0'] });
    const other = await startThread(forum, { title: 'Another thread' });
    const posts = await watch(POST_ADDED, { thread: thread.id });
    try {
      await reply(forum, other.id, 'Elsewhere');
      await reply(
        forum,
        thread.id,
        'Thanks, see [this](javascript:alert(1)) and **that**',
        eurocitiesContributor,
      );
      expect(await posts.next()).toEqual({
        data: {
          postAdded: {
            body: 'Thanks, see [this](javascript:alert(1)) and **that**',
            bodyHtml: '<p>Thanks, see [this](javascript:alert(1)) and <strong>that</strong></p>',
            hidden: false,
          },
        },
      });
      expect(posts.received).toHaveLength(1);
    } finally {
      await posts.close();
    }
  });

  it('threadActivity follows a region (with the regions within it) and an organisation, moderation included', async () => {
    const bretagne = await watch(THREAD_ACTIVITY, { region: 'FRH' });
    const eurocities = await watch(THREAD_ACTIVITY, { organisation: 'eurocities' });
    try {
      const thread = await startThread(forum, { title: 'Language courses in Finistère', regions: ['FRH02'] });
      expect((await bretagne.next()).data).toEqual({
        threadActivity: {
          change: 'STARTED',
          thread: { title: 'Language courses in Finistère', status: 'OPEN', postCount: 1 },
          post: { body: expect.stringContaining('first housing'), hidden: false },
        },
      });
      await startThread(forum, { title: 'Eurocities thread', regions: ['DE30'] }, eurocitiesContributor);
      const spam = await reply(forum, thread.id, 'Buy now');
      expect((await bretagne.next()).data).toMatchObject({
        threadActivity: {
          change: 'REPLIED',
          thread: { postCount: 2 },
          post: { body: 'Buy now', hidden: false },
        },
      });
      const hidden = await forum.query(
        'mutation ($id: ID!) { hidePost(input: { id: $id, version: 1, reason: "Spam" }) { hidden } }',
        { id: spam.id },
        cpmrModerator,
      );
      expect(hidden.body.errors).toBeUndefined();
      // An anonymous subscriber learns that a post was hidden, never its text.
      expect((await bretagne.next()).data).toMatchObject({
        threadActivity: {
          change: 'POST_HIDDEN',
          thread: { postCount: 1 },
          post: { body: null, hidden: true },
        },
      });
      expect(bretagne.received).toHaveLength(3);
      expect((await eurocities.next()).data).toMatchObject({
        threadActivity: { change: 'STARTED', thread: { title: 'Eurocities thread' } },
      });
      expect(eurocities.received).toHaveLength(1);
    } finally {
      await Promise.all([bretagne.close(), eurocities.close()]);
    }
  });

  it('never pushes a post hidden before delivery to someone who may not read it', async () => {
    const thread = await startThread(forum, { title: 'Moderated thread' });
    const anonymous = await watch(POST_ADDED, { thread: thread.id });
    const moderator = await watch(POST_ADDED, { thread: thread.id }, cpmrModerator);
    try {
      // A message delivered after a moderator hid the post (a slow subscriber, say): replay the bus message of
      // the reply once the post is hidden.
      const spam = await reply(forum, thread.id, 'Spam');
      await anonymous.next();
      await moderator.next();
      await forum.query(
        'mutation ($id: ID!) { hidePost(input: { id: $id, version: 1, reason: "Spam" }) { hidden } }',
        { id: spam.id },
        cpmrModerator,
      );
      await forum.bus.publish({
        topic: THREAD_CHANGED,
        payload: {
          threadId: thread.id,
          postId: spam.id,
          change: ThreadChange.REPLIED,
          organisationId: 'cpmr',
          regions: [],
        },
      });
      await reply(forum, thread.id, 'A real answer');
      expect((await moderator.next()).data).toMatchObject({ postAdded: { body: 'Spam', hidden: true } });
      expect((await moderator.next()).data).toMatchObject({ postAdded: { body: 'A real answer' } });
      expect((await anonymous.next()).data).toEqual({
        postAdded: { body: 'A real answer', bodyHtml: '<p>A real answer</p>', hidden: false },
      });
      expect(
        anonymous.received.map(
          (message) => (message.data as unknown as { postAdded: { body: string } }).postAdded.body,
        ),
      ).toEqual(['Spam', 'A real answer']);
    } finally {
      await Promise.all([anonymous.close(), moderator.close()]);
    }
  });
});

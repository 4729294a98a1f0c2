import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_UNAVAILABLE_MESSAGE } from '../src/subscriptions';
import {
  clientToken,
  POSTS,
  record,
  startSubscriptionHub,
  waitUntil,
  type RecordedSubscription,
  type SubscriptionHub,
} from './fixtures/subscription-hub';

/** Subscribers of one group in these tests (each on its own graphql-ws connection, as real clients are). */
const SUBSCRIBERS = 25;

let hub: SubscriptionHub;

beforeAll(async () => {
  hub = await startSubscriptionHub();
});

afterAll(async () => {
  await hub?.stop();
});

/** Subgraph requests (HTTP) so far: greetings and reactions resolve the follow-up fields of POSTS. */
function followUpCalls(): number {
  return hub.greetings.calls + hub.reactions.calls;
}

function subscribeMany(count: number, query = POSTS, token?: string): RecordedSubscription[] {
  return Array.from({ length: count }, () => record(hub.client(token ? { token } : {}), query));
}

describe('grouped subscriptions', () => {
  it('N subscribers with the same document share one upstream subscription and one execution per event', async () => {
    const opened = hub.feed.subscriptionsOpened;
    const subscribers = subscribeMany(SUBSCRIBERS);
    await hub.holds(SUBSCRIBERS, 1);
    expect(hub.feed.subscriptionsOpened).toBe(opened + 1);
    expect(hub.subscriptions.groups).toBe(1);
    expect(hub.feed.connections).toEqual(['anonymous']);

    for (const greetingId of ['1', '2']) {
      const calls = followUpCalls();
      const executions = hub.subscriptions.executions;
      const sequence = hub.feed.publish({ greetingId });
      const results = await Promise.all(subscribers.map((posts) => posts.next()));
      for (const result of results) {
        expect(result).toEqual({
          data: {
            greetingPosted: {
              sequence,
              note: null,
              viewer: 'anonymous',
              greeting: expect.objectContaining({ id: greetingId }),
            },
          },
        });
      }
      expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
      // one plan execution for the whole group: one request to greetings, one to reactions
      expect(hub.subscriptions.executions).toBe(executions + 1);
      expect(followUpCalls()).toBe(calls + 2);
    }

    for (const posts of subscribers) posts.unsubscribe();
    await hub.holds(0, 0);
    expect(hub.subscriptions.groups).toBe(0);
  });

  it('keeps the group until its last member leaves; the others keep receiving', async () => {
    const subscribers = subscribeMany(3);
    await hub.holds(3, 1);
    subscribers[0]?.unsubscribe();
    subscribers[1]?.unsubscribe();
    await hub.holds(1, 1);
    const sequence = hub.feed.publish({ greetingId: '1' });
    expect((await subscribers[2]!.next()).data).toMatchObject({ greetingPosted: { sequence } });
    expect(subscribers[0]?.results).toEqual([]);
    subscribers[2]?.unsubscribe(); // the last one: the upstream subscription and its socket end
    await hub.holds(0, 0);
    await waitUntil('the upstream socket closed', () => hub.feed.connections.length === 0);
  });

  it('a newcomer joins a running group and receives the events after it joined', async () => {
    const first = record(hub.client(), POSTS);
    await hub.holds(1, 1);
    const before = hub.feed.publish({ greetingId: '1' });
    expect((await first.next()).data).toMatchObject({ greetingPosted: { sequence: before } });
    const opened = hub.feed.subscriptionsOpened;
    const second = record(hub.client(), POSTS);
    await hub.holds(2, 1);
    const after = hub.feed.publish({ greetingId: '2' });
    expect((await first.next()).data).toMatchObject({ greetingPosted: { sequence: after } });
    expect((await second.next()).data).toMatchObject({ greetingPosted: { sequence: after } });
    expect(second.results).toHaveLength(1);
    expect(hub.feed.subscriptionsOpened).toBe(opened);
    first.unsubscribe();
    second.unsubscribe();
    await hub.holds(0, 0);
  });

  it('never groups callers who may see different data, nor different variables or documents', async () => {
    const ana = await clientToken('ana', { organisationId: 'cpmr' });
    const anaElsewhere = await clientToken('ana', { organisationId: 'cor' });
    const ben = await clientToken('ben');
    const query = 'subscription { greetingPosted { viewer greeting { seenBy } } }';
    const subscriptions = [
      record(hub.client({ token: ana }), query),
      record(hub.client({ token: ana }), query), // the same caller: shares
      record(hub.client({ token: anaElsewhere }), query),
      record(hub.client({ token: ben }), query),
      record(hub.client(), query),
      record(hub.client(), query), // anonymous callers share
      record(hub.client(), 'subscription { greetingPosted { viewer } }'),
      record(hub.client(), 'subscription ($l: Language) { greetingPosted(language: $l) { viewer } }', {
        l: 'ENGLISH',
      }),
      record(hub.client(), 'subscription ($l: Language) { greetingPosted(language: $l) { viewer } }', {
        l: 'FRENCH',
      }),
    ];
    await hub.holds(subscriptions.length, 7);
    expect(hub.subscriptions.groups).toBe(7);
    hub.feed.publish({ greetingId: '1', language: 'ENGLISH' });
    const viewers = await Promise.all(
      subscriptions.slice(0, 6).map(async (subscription) => {
        const { data } = await subscription.next();
        const post = (data as { greetingPosted: { viewer: string; greeting: { seenBy: string } } })
          .greetingPosted;
        return `${post.viewer}/${post.greeting.seenBy}`;
      }),
    );
    expect(viewers).toEqual([
      'ana/ana',
      'ana/ana',
      'ana/ana',
      'ben/ben',
      'anonymous/anonymous',
      'anonymous/anonymous',
    ]);
    expect((await subscriptions[7]!.next()).data).toEqual({ greetingPosted: { viewer: 'anonymous' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscriptions[8]?.results).toEqual([]); // FRENCH only
    for (const subscription of subscriptions) subscription.unsubscribe();
    await hub.holds(0, 0);
  });

  it('ends every member with SUBGRAPH_UNAVAILABLE when the upstream fails; a newcomer starts a new group', async () => {
    const subscribers = subscribeMany(5);
    await hub.holds(5, 1);
    hub.feed.dropConnections();
    for (const posts of subscribers) {
      expect(await posts.next()).toEqual({
        errors: [{ message: SUBGRAPH_UNAVAILABLE_MESSAGE, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
      });
      expect(await posts.end()).toEqual({ completed: true });
    }
    await hub.holds(0, 0);
    const again = subscribeMany(2);
    await hub.holds(2, 1);
    const sequence = hub.feed.publish({ greetingId: '2' });
    for (const posts of again)
      expect((await posts.next()).data).toMatchObject({ greetingPosted: { sequence } });
    for (const posts of again) posts.unsubscribe();
    await hub.holds(0, 0);
  });

  it('passes a refusal of the subgraph to every member of the group', async () => {
    const refused = subscribeMany(3, 'subscription { refusedFeed { sequence } }');
    for (const subscription of refused) {
      expect(await subscription.next()).toMatchObject({
        data: null,
        errors: [{ message: 'The feed refuses this subscription.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      expect(await subscription.end()).toEqual({ completed: true });
    }
    await hub.holds(0, 0);
  });
});

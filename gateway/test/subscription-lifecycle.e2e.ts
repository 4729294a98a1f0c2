import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_UNAVAILABLE_MESSAGE } from '../src/subscriptions';
import {
  POSTS,
  record,
  startSubscriptionHub,
  waitUntil,
  type SubscriptionHub,
} from './fixtures/subscription-hub';

let hub: SubscriptionHub;

beforeAll(async () => {
  hub = await startSubscriptionHub();
});

afterAll(async () => {
  await hub?.stop();
});

/** Waits until the feed holds `count` subscriptions: only then does a publish reach them. */
function feedHolds(count: number) {
  return waitUntil(`the feed holds ${count} subscription(s)`, () => hub.feed.activeSubscriptions === count);
}

describe('teardown', () => {
  it('ends the upstream subscription when an idle client completes it', async () => {
    const posts = record(hub.client(), POSTS);
    await feedHolds(1);
    posts.unsubscribe(); // no event ever came: teardown must not wait for one
    await feedHolds(0);
  });

  it('ends the upstream subscriptions when an idle client disconnects', async () => {
    const client = hub.client();
    record(client, POSTS);
    record(client, 'subscription { greetingPosted { sequence } }');
    await hub.holds(2, 2);
    await client.dispose();
    await hub.holds(0, 0);
    await waitUntil('the upstream socket closed', () => hub.feed.connections.length === 0);
  });

  it('never opens upstream a subscription whose client left while the gateway was still connecting', async () => {
    hub.feed.ackDelayMs = 200;
    try {
      const opened = hub.feed.subscriptionsOpened;
      const client = hub.client();
      record(client, POSTS);
      await waitUntil('the gateway is connecting to the feed', () => hub.feed.pendingConnections === 1);
      await client.dispose();
      await waitUntil('the feed acknowledged', () => hub.feed.pendingConnections === 0);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(hub.feed.subscriptionsOpened).toBe(opened);
      expect(hub.feed.connections).toEqual([]);
    } finally {
      hub.feed.ackDelayMs = 0;
    }
  });

  it('ends the client’s subscription with SUBGRAPH_UNAVAILABLE when the subgraph drops it, then recovers', async () => {
    const posts = record(hub.client(), POSTS);
    await feedHolds(1);
    hub.feed.dropConnections();
    expect(await posts.next()).toEqual({
      errors: [{ message: SUBGRAPH_UNAVAILABLE_MESSAGE, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
    });
    expect(await posts.end()).toEqual({ completed: true });
    await feedHolds(0);
    // a new subscription opens a new upstream socket
    const again = record(hub.client(), POSTS);
    await feedHolds(1);
    const sequence = hub.feed.publish({ greetingId: '2' });
    expect((await again.next()).data).toMatchObject({ greetingPosted: { sequence } });
    again.unsubscribe();
    await feedHolds(0);
  });
});

describe('upstream closes', () => {
  for (const code of [1000, 1001]) {
    it(`ends the client’s subscription when the subgraph closes its socket with ${code}, never re-subscribing silently`, async () => {
      const opened = hub.feed.subscriptionsOpened;
      const posts = record(hub.client(), POSTS);
      await feedHolds(1);
      hub.feed.closeConnections(code);
      expect(await posts.next()).toMatchObject({
        errors: [{ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
      });
      expect(await posts.end()).toEqual({ completed: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(hub.feed.subscriptionsOpened).toBe(opened + 1);
      expect(hub.feed.activeSubscriptions).toBe(0);
    });
  }
});

describe('a stopped subgraph', () => {
  it('ends open subscriptions with SUBGRAPH_UNAVAILABLE, and refuses new ones the same way (no hang)', async () => {
    const other = await startSubscriptionHub();
    try {
      const posts = record(other.client(), POSTS);
      await waitUntil('the feed holds the subscription', () => other.feed.activeSubscriptions === 1);
      await other.feed.stop();
      expect(await posts.next()).toMatchObject({
        errors: [{ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
      });
      expect(await posts.end()).toEqual({ completed: true });
      const later = record(other.client(), POSTS);
      const result = await later.next();
      expect(result).toEqual({
        errors: [{ message: SUBGRAPH_UNAVAILABLE_MESSAGE, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
      });
      expect(JSON.stringify(result)).not.toContain('ECONNREFUSED');
      expect(await later.end()).toEqual({ completed: true });
    } finally {
      await other.stop();
    }
  });
});

describe('stop()', () => {
  it('closes client sockets with 1001, ends upstream subscriptions, and does not hang', async () => {
    const other = await startSubscriptionHub();
    try {
      const closed = new Promise<number>((resolve) => {
        const client = other.client({ on: { closed: (event) => resolve((event as { code: number }).code) } });
        record(client, POSTS);
      });
      await waitUntil('the feed holds the subscription', () => other.feed.activeSubscriptions === 1);
      const started = performance.now();
      await other.gateway.stop();
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(await closed).toBe(1001);
      await waitUntil('the upstream subscription ended', () => other.feed.activeSubscriptions === 0);
      expect(other.gateway.httpServer.listening).toBe(false);
    } finally {
      await other.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type EventStreamReader } from './fixtures/event-stream';
import {
  POSTS,
  record,
  startSubscriptionHub,
  waitUntil,
  type RecordedSubscription,
  type SubscriptionHub,
} from './fixtures/subscription-hub';

const MAX_EVENTS = 3;

let hub: SubscriptionHub;
/**
 * The same subscription over graphql-ws: a member of the same group, but not an SSE client, so the SSE side
 * still lingers when its clients leave. It receives each event in the same turn as the SSE recorder.
 */
let watcher: RecordedSubscription;

beforeAll(async () => {
  hub = await startSubscriptionHub({ subscriptions: { sseReplayMaxEvents: MAX_EVENTS } });
  watcher = record(hub.client(), POSTS);
});

afterAll(async () => {
  await hub?.stop();
});

function streamUrl(params: Record<string, string> = {}): string {
  return `${hub.gateway.streamUrl}?${new URLSearchParams({ query: POSTS, ...params })}`;
}

/** The feed's sequence number of the next `next` event of `stream`, with its id. */
async function nextPost(stream: EventStreamReader): Promise<{ sequence: number; id?: string }> {
  const message = await stream.next();
  expect(message?.event).toBe('next');
  const body = JSON.parse(message?.data ?? '') as { data: { greetingPosted: { sequence: number } } };
  return { sequence: body.data.greetingPosted.sequence, id: message?.id };
}

/** Publishes `count` posts and waits until the group sent them out (no SSE client needs to be connected). */
async function publish(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) hub.feed.publish({ greetingId: '1' });
  for (let index = 0; index < count; index += 1) await watcher.next();
}

/** Waits until the stream sent its position and the group has its SSE member (the watcher is the other). */
async function opened(stream: EventStreamReader): Promise<string> {
  await waitUntil('the stream sent its position', () => stream.lastEventId !== undefined);
  await hub.holds(2, 1);
  return stream.lastEventId!;
}

describe('Server-Sent Events: replay with Last-Event-ID', () => {
  it('gives every event an id, and a reconnecting client what it missed, then live events, once each', async () => {
    const first = await openEventStream(streamUrl());
    await opened(first);
    await publish(1);
    const seen = await nextPost(first);
    expect(seen.id).toMatch(/^[0-9a-f]{12}-\d+$/);
    first.close();

    // the client is away: the group keeps recording (lingers) for it
    await publish(2);
    const again = await openEventStream(streamUrl(), { 'last-event-id': seen.id! });
    const replayed = [await nextPost(again), await nextPost(again)];
    await publish(1);
    const live = await nextPost(again);
    const received = [seen, ...replayed, live];
    expect(received.map((post) => post.sequence)).toEqual(
      [0, 1, 2, 3].map((offset) => seen.sequence + offset),
    );
    // ids grow with the events
    const seqs = received.map((post) => Number(post.id!.split('-')[1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(4);

    // the same with ?lastEventId= (clients that cannot set the header)
    again.close();
    await publish(1);
    const third = await openEventStream(streamUrl({ lastEventId: live.id! }));
    expect((await nextPost(third)).sequence).toBe(live.sequence + 1);
    third.close();
  });

  it('resumes a client that left before its first event from the position it was given', async () => {
    const stream = await openEventStream(streamUrl());
    const position = await opened(stream);
    stream.close();
    await publish(1);
    const resumed = await openEventStream(streamUrl(), { 'last-event-id': position });
    const post = await nextPost(resumed);
    expect(post.id).not.toBe(position);
    resumed.close();
  });

  it('sends `event: reset` for an id it cannot honour, then live events', async () => {
    // an id of another gateway process (a restart or another replica)
    const stream = await openEventStream(streamUrl(), { 'last-event-id': '0123456789ab-1' });
    await opened(stream);
    const reset = await stream.next();
    expect(reset?.event).toBe('reset');
    expect(JSON.parse(reset?.data ?? '')).toEqual({ reason: 'unknown-id' });
    expect(reset?.id).toMatch(/^[0-9a-f]{12}-\d+$/);
    await publish(1);
    const live = await nextPost(stream);

    // more events than the buffer holds went by
    stream.close();
    await publish(MAX_EVENTS + 1);
    const late = await openEventStream(streamUrl(), { 'last-event-id': live.id! });
    const expired = await late.next();
    expect(expired?.event).toBe('reset');
    expect(JSON.parse(expired?.data ?? '')).toEqual({ reason: 'expired' });
    await publish(1);
    expect((await nextPost(late)).sequence).toBe(live.sequence + MAX_EVENTS + 2);
    late.close();
  });
});

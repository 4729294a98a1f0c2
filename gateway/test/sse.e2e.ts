import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_EXPIRED_MESSAGE } from '../src/identity';
import { SUBGRAPH_UNAVAILABLE_MESSAGE } from '../src/subscriptions';
import { SECRET } from './fixtures/subgraphs';
import {
  clientToken,
  record,
  startSubscriptionHub,
  waitUntil,
  type SubscriptionHub,
} from './fixtures/subscription-hub';
import { openEventStream } from './fixtures/event-stream';

const PARTNER_ORIGIN = 'https://partner.example';
const KEEP_ALIVE_MS = 100;

let hub: SubscriptionHub;

beforeAll(async () => {
  hub = await startSubscriptionHub({
    corsOrigins: [PARTNER_ORIGIN],
    // no lingering upstream subscription after the last client left (sse-replay.e2e.ts tests that)
    subscriptions: { sseKeepAliveMs: KEEP_ALIVE_MS, sseReplayLingerMs: 0 },
    limits: { maxDepth: 4 },
  });
});

afterAll(async () => {
  await hub?.stop();
});

const POSTS = 'subscription Posts { greetingPosted { sequence viewer greeting { id text likes } } }';

function streamUrl(params: Record<string, string>): string {
  return `${hub.gateway.streamUrl}?${new URLSearchParams(params)}`;
}

const openStream = openEventStream;

function feedHolds(count: number) {
  return waitUntil(`the feed holds ${count} subscription(s)`, () => hub.feed.activeSubscriptions === count);
}

describe('Server-Sent Events', () => {
  it('delivers the same events as graphql-ws, as `event: next` messages', async () => {
    const stream = await openStream(streamUrl({ query: POSTS }));
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const overWebSocket = record(hub.client(), POSTS);
    await hub.holds(2, 1); // the same subscription and caller over both transports: one group
    hub.feed.publish({ greetingId: '2' });
    const message = await stream.next();
    const viaWebSocket = await overWebSocket.next();
    expect(message?.event).toBe('next');
    expect(JSON.parse(message?.data ?? '')).toEqual(viaWebSocket);
    expect(viaWebSocket.data).toMatchObject({
      greetingPosted: { viewer: 'anonymous', greeting: { id: '2', text: 'Bonjour, villes', likes: 20 } },
    });
    overWebSocket.unsubscribe();
    stream.close();
    await feedHolds(0);
  });

  it('takes variables as JSON and the operation name', async () => {
    const query = /* GraphQL */ `
      query Other {
        greeting(id: "1") {
          text
        }
      }
      subscription French($language: Language) {
        greetingPosted(language: $language) {
          language
          greeting {
            text
          }
        }
      }
    `;
    const stream = await openStream(
      streamUrl({ query, operationName: 'French', variables: JSON.stringify({ language: 'FRENCH' }) }),
    );
    await feedHolds(1);
    hub.feed.publish({ greetingId: '1', language: 'ENGLISH' });
    hub.feed.publish({ greetingId: '2', language: 'FRENCH' });
    const message = await stream.next();
    expect(JSON.parse(message?.data ?? '')).toEqual({
      data: { greetingPosted: { language: 'FRENCH', greeting: { text: 'Bonjour, villes' } } },
    });
    stream.close();
    await feedHolds(0);
  });

  it('ends the upstream subscription when an idle client disconnects', async () => {
    const stream = await openStream(streamUrl({ query: POSTS }));
    await feedHolds(1);
    stream.close();
    await feedHolds(0);
    await waitUntil('the upstream socket closed', () => hub.feed.connections.length === 0);
  });

  it('sends keep-alive comments while idle', async () => {
    const stream = await openStream(streamUrl({ query: POSTS }));
    expect(await stream.next({ comments: true })).toEqual({ comment: 'keep-alive' });
    stream.close();
    await feedHolds(0);
  });

  it('sends the error, then `event: complete`, when the subgraph drops the subscription', async () => {
    const stream = await openStream(streamUrl({ query: POSTS }));
    await feedHolds(1);
    hub.feed.dropConnections();
    const error = await stream.next();
    expect(error?.event).toBe('next');
    expect(JSON.parse(error?.data ?? '')).toEqual({
      errors: [{ message: SUBGRAPH_UNAVAILABLE_MESSAGE, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
    });
    expect(await stream.next()).toEqual({ event: 'complete', data: '' });
    expect(await stream.next()).toBeUndefined(); // the response ended
  });

  it('reads the caller from ?access_token= (EventSource cannot send headers) or the Authorization header', async () => {
    const token = await clientToken('ana');
    const fromQuery = await openStream(streamUrl({ query: POSTS, access_token: token }));
    const fromHeader = await openStream(streamUrl({ query: POSTS }), {
      authorization: `Bearer ${await clientToken('ben')}`,
    });
    await feedHolds(2);
    hub.feed.publish({ greetingId: '1' });
    expect(JSON.parse((await fromQuery.next())?.data ?? '').data.greetingPosted.viewer).toBe('ana');
    expect(JSON.parse((await fromHeader.next())?.data ?? '').data.greetingPosted.viewer).toBe('ben');
    fromQuery.close();
    fromHeader.close();
    await feedHolds(0);
  });
});

describe('Server-Sent Events: a stream does not outlive its token', () => {
  it('sends UNAUTHENTICATED and completes when the token expires', async () => {
    // jose gives `exp` in whole seconds: this token expires 1 to 2 seconds from now
    const token = await clientToken('ana', { ttlSeconds: 2 });
    const stream = await openStream(streamUrl({ query: POSTS, access_token: token }));
    expect(stream.response.status).toBe(200);
    await feedHolds(1);
    const last = await stream.next();
    expect(last?.event).toBe('next');
    expect(JSON.parse(last?.data ?? '')).toEqual({
      errors: [{ message: TOKEN_EXPIRED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(await stream.next()).toEqual({ event: 'complete', data: '' });
    await feedHolds(0);
  });
});

describe('Server-Sent Events: refused before the stream starts', () => {
  async function refused(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, { headers });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { errors: unknown[] },
    };
  }

  it('answers 401 for an invalid token', async () => {
    const { status, headers, body } = await refused(streamUrl({ query: POSTS, access_token: 'not-a-jwt' }));
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('Bearer');
    expect(body).toEqual({
      errors: [{ message: 'Invalid or expired token.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers 400 with the limit codes and for bad variables, without reaching the subgraph', async () => {
    const opened = hub.feed.subscriptionsOpened;
    const deep = await refused(
      streamUrl({
        query: 'subscription { greetingPosted { previous { previous { previous { sequence } } } } }',
      }),
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toMatchObject([{ extensions: { code: 'QUERY_TOO_DEEP' } }]);
    const badVariables = await refused(
      streamUrl({
        query: 'subscription ($l: Language) { greetingPosted(language: $l) { sequence } }',
        variables: '{"l":"KLINGON"}',
      }),
    );
    expect(badVariables.status).toBe(400);
    expect(badVariables.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    const notJson = await refused(streamUrl({ query: POSTS, variables: '{nope' }));
    expect(notJson.body.errors).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
    expect(hub.feed.subscriptionsOpened).toBe(opened);
  });

  it('serves subscriptions only', async () => {
    const { status, body } = await refused(streamUrl({ query: '{ greeting(id: "1") { text } }' }));
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('answers CORS for allowed origins and 403 for others', async () => {
    const allowed = await openStream(streamUrl({ query: POSTS }), { origin: PARTNER_ORIGIN });
    expect(allowed.response.status).toBe(200);
    expect(allowed.response.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    allowed.close();
    const other = await refused(streamUrl({ query: POSTS }), { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await feedHolds(0);
  });

  it('masks internal errors of events like every other transport', async () => {
    const stream = await openStream(
      streamUrl({ query: 'subscription { greetingPosted { sequence broken } }' }),
    );
    await feedHolds(1);
    hub.feed.publish({ greetingId: '1' });
    const message = await stream.next();
    expect(message?.data).toContain('"message":"Internal server error"');
    expect(message?.data).not.toContain(SECRET);
    stream.close();
    await feedHolds(0);
  });
});

describe('stop()', () => {
  it('ends open streams so the HTTP server can drain, and their upstream subscriptions', async () => {
    const other = await startSubscriptionHub();
    try {
      const abort = new AbortController();
      const response = await fetch(other.gateway.streamUrl + `?query=${encodeURIComponent(POSTS)}`, {
        signal: abort.signal,
      });
      const body = response.text();
      await waitUntil('the feed holds the subscription', () => other.feed.activeSubscriptions === 1);
      const started = performance.now();
      await other.gateway.stop();
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(await body).not.toContain('event: complete'); // so that an EventSource reconnects elsewhere
      await waitUntil('the upstream subscription ended', () => other.feed.activeSubscriptions === 0);
    } finally {
      await other.stop();
    }
  });
});

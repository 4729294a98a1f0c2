import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIPTION_OVER_HTTP_MESSAGE } from '../src/subscriptions';
import { SECRET, SLOW_GREETING } from './fixtures/subgraphs';
import {
  clientToken,
  POSTS,
  record,
  startSubscriptionHub,
  waitUntil,
  type SubscriptionHub,
} from './fixtures/subscription-hub';

const PARTNER_ORIGIN = 'https://partner.example';
const MAX_PER_SOCKET = 3;

let hub: SubscriptionHub;

beforeAll(async () => {
  hub = await startSubscriptionHub({
    limits: { maxDepth: 4, maxAliases: 5, maxTokens: 400 },
    subscriptions: { maxPerSocket: MAX_PER_SOCKET, maxMessageBytes: 16 * 1024 },
    corsOrigins: [PARTNER_ORIGIN],
  });
});

afterAll(async () => {
  await hub?.stop();
});

/** Waits until the feed holds `count` subscriptions: only then does a publish reach them. */
function feedHolds(count: number) {
  return waitUntil(`the feed holds ${count} subscription(s)`, () => hub.feed.activeSubscriptions === count);
}

/** No stack trace, secret, subgraph name or URL anywhere in what a client got. */
function expectNothingInternal(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('hunter2');
  expect(text).not.toContain('internalHint');
  expect(text).not.toContain('serviceName');
  expect(text).not.toContain('stacktrace');
  expect(text).not.toContain(new URL(hub.feed.url).port);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

function codesOf(ending: unknown): unknown[] {
  const errors = (ending as { error?: unknown }).error;
  return Array.isArray(errors)
    ? errors.map((error: { extensions?: { code?: unknown } }) => error.extensions?.code)
    : [];
}

describe('federated subscriptions over graphql-ws', () => {
  it('resolves fields of three subgraphs for every event, in order', async () => {
    const client = hub.client();
    const posts = record(client, POSTS);
    await feedHolds(1);
    const first = hub.feed.publish({ greetingId: '1', note: 'first' });
    const second = hub.feed.publish({ greetingId: '2' });
    expect(await posts.next()).toEqual({
      data: {
        greetingPosted: {
          sequence: first,
          note: 'first',
          viewer: 'anonymous',
          greeting: { id: '1', text: 'Hello, regions', likes: 10 },
        },
      },
    });
    expect(await posts.next()).toEqual({
      data: {
        greetingPosted: {
          sequence: second,
          note: null,
          viewer: 'anonymous',
          greeting: { id: '2', text: 'Bonjour, villes', likes: 20 },
        },
      },
    });
    posts.unsubscribe();
    await feedHolds(0);
  });

  it('keeps the order of events when an earlier one takes longer to resolve', async () => {
    const posts = record(hub.client(), 'subscription { greetingPosted { sequence greeting { text } } }');
    await feedHolds(1);
    const slow = hub.feed.publish({ greetingId: SLOW_GREETING.id });
    const fast = hub.feed.publish({ greetingId: '1' });
    const results = [await posts.next(), await posts.next()];
    expect(results.map((result) => result.data)).toEqual([
      { greetingPosted: { sequence: slow, greeting: { text: SLOW_GREETING.text } } },
      { greetingPosted: { sequence: fast, greeting: { text: 'Hello, regions' } } },
    ]);
    posts.unsubscribe();
    await feedHolds(0);
  });

  it('applies variables (with defaults), fragments, aliases, __typename and @include', async () => {
    const posts = record(
      hub.client(),
      /* GraphQL */ `
        subscription French($language: Language, $withLikes: Boolean!, $from: Int = 0) {
          post: greetingPosted(language: $language, fromSequence: $from) {
            __typename
            number: sequence
            ...Greeted
            greeting {
              likes @include(if: $withLikes)
            }
          }
        }
        fragment Greeted on GreetingPost {
          greeting {
            hello: text
          }
        }
      `,
      { language: 'FRENCH', withLikes: false },
    );
    await feedHolds(1);
    hub.feed.publish({ greetingId: '1', language: 'ENGLISH' });
    const french = hub.feed.publish({ greetingId: '2', language: 'FRENCH' });
    expect(await posts.next()).toEqual({
      data: { post: { __typename: 'GreetingPost', number: french, greeting: { hello: 'Bonjour, villes' } } },
    });
    posts.unsubscribe();
    await feedHolds(0);
  });

  it('refuses bad variables with BAD_USER_INPUT before anything reaches the subgraph', async () => {
    const posts = record(
      hub.client(),
      'subscription ($language: Language) { greetingPosted(language: $language) { sequence } }',
      { language: 'KLINGON' },
    );
    const ending = await posts.end();
    expect(codesOf(ending)).toEqual(['BAD_USER_INPUT']);
    const [error] = (ending as { error: Array<{ message: string }> }).error;
    expect(error?.message).toBe(
      'Variable "$language" got invalid value "KLINGON"; Value "KLINGON" does not exist in "Language" enum.',
    );
    expect(hub.feed.activeSubscriptions).toBe(0);
  });

  it('reports unknown fields as GRAPHQL_VALIDATION_FAILED without suggestions', async () => {
    const ending = await record(hub.client(), 'subscription { greetingPosted { sequense } }').end();
    expect(codesOf(ending)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(ending)).not.toContain('Did you mean');
  });

  it('passes a client error of the subgraph (masked), then completes', async () => {
    const refused = record(hub.client(), 'subscription { refusedFeed { sequence } }');
    expect(await refused.next()).toEqual({
      data: null,
      errors: [
        {
          message: 'The feed refuses this subscription.',
          path: ['refusedFeed'],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(await refused.end()).toEqual({ completed: true });
  });

  it('masks an internal error of an event, keeping the rest of its data', async () => {
    const posts = record(hub.client(), 'subscription { greetingPosted { sequence broken } }');
    await feedHolds(1);
    const sequence = hub.feed.publish({ greetingId: '1' });
    const result = await posts.next();
    expect(result).toEqual({
      data: { greetingPosted: { sequence, broken: null } },
      errors: [
        {
          message: 'Internal server error',
          path: ['greetingPosted', 'broken'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expectNothingInternal(result);
    expect(JSON.stringify(hub.logs)).toContain('hunter2'); // logged for the operators, with the original
    posts.unsubscribe();
    await feedHolds(0);
  });
});

describe('limits', () => {
  it('refuses a subscription nested too deep with QUERY_TOO_DEEP', async () => {
    const ending = await record(
      hub.client(),
      'subscription { greetingPosted { previous { previous { previous { sequence } } } } }',
    ).end();
    expect(codesOf(ending)).toEqual(['QUERY_TOO_DEEP']);
    expect(hub.feed.activeSubscriptions).toBe(0);
  });

  it('refuses too many aliases and too many tokens with their codes', async () => {
    const aliases = Array.from({ length: 6 }, (_, index) => `a${index}: sequence`).join(' ');
    const tooManyAliases = await record(hub.client(), `subscription { greetingPosted { ${aliases} } }`).end();
    expect(codesOf(tooManyAliases)).toEqual(['TOO_MANY_ALIASES']);
    const tokens = 'sequence '.repeat(400);
    const tooManyTokens = await record(hub.client(), `subscription { greetingPosted { ${tokens} } }`).end();
    expect(codesOf(tooManyTokens)).toEqual(['TOO_MANY_TOKENS']);
  });

  it(`allows ${MAX_PER_SOCKET} operations per socket and refuses one more with TOO_MANY_SUBSCRIPTIONS`, async () => {
    const client = hub.client();
    // identical subscriptions of one caller: one group upstream, but each counts towards the limit
    const open = Array.from({ length: MAX_PER_SOCKET }, () => record(client, POSTS));
    await hub.holds(MAX_PER_SOCKET, 1);
    const oneTooMany = record(client, POSTS);
    expect(codesOf(await oneTooMany.end())).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    const sequence = hub.feed.publish({ greetingId: '1' });
    for (const posts of open)
      expect((await posts.next()).data).toMatchObject({ greetingPosted: { sequence } });
    open[0]?.unsubscribe();
    await hub.holds(MAX_PER_SOCKET - 1, 1);
    const replacement = record(client, POSTS);
    await hub.holds(MAX_PER_SOCKET, 1);
    for (const posts of [replacement, ...open.slice(1)]) posts.unsubscribe();
    await hub.holds(0, 0);
  });

  it('closes the socket of a client that sends an oversized message (1009)', async () => {
    const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(20 * 1024) } }));
    expect(await closed).toBe(1009);
  });
});

describe('identity', () => {
  it('closes the socket with 4401 for an invalid or expired token, before any subscription', async () => {
    const expired = await clientToken('ana', { ttlSeconds: -60 });
    for (const token of ['not-a-jwt', expired]) {
      const ending = await record(hub.client({ token }), POSTS).end();
      const { code, reason } = (ending as { error: { code: number; reason: string } }).error;
      expect({ code, reason }).toEqual({ code: 4401, reason: 'Invalid or expired token.' });
    }
    expect(hub.feed.activeSubscriptions).toBe(0);
  });

  it('closes a socket with 4401 when its token expires, and refuses a mutation sent with it afterwards', async () => {
    // jose gives `exp` in whole seconds: this token expires 1 to 2 seconds from now
    const client = hub.client({ token: await clientToken('ana', { ttlSeconds: 2 }), retryAttempts: 0 });
    const posts = record(client, POSTS);
    await hub.holds(1, 1);
    const ending = await posts.end();
    const { code, reason } = (ending as { error: { code: number; reason: string } }).error;
    expect({ code, reason }).toEqual({ code: 4401, reason: 'Token expired' });
    await feedHolds(0);

    const before = (await hub.query('{ greeting(id: "1") { text } }')).body;
    const rename = record(client, 'mutation { renameGreeting(id: "1", text: "taken over") { text } }');
    const refused = await rename.end();
    expect(rename.results).toEqual([]);
    expect(refused).not.toEqual({ completed: true });
    expect((await hub.query('{ greeting(id: "1") { text } }')).body).toEqual(before);
  });

  it('lets anonymous callers in, sharing one upstream socket per subgraph', async () => {
    const first = record(hub.client(), POSTS);
    const second = record(hub.client(), 'subscription { greetingPosted { sequence } }');
    await hub.holds(2, 2);
    expect(hub.feed.connections).toEqual(['anonymous']);
    first.unsubscribe();
    second.unsubscribe();
    await feedHolds(0);
  });

  it('signs each caller in upstream on its own socket, closed with its last subscription', async () => {
    const ana = record(
      hub.client({ token: await clientToken('ana', { organisationId: 'cpmr' }) }),
      'subscription { greetingPosted { viewer greeting { seenBy } } }',
    );
    const ben = hub.client({ token: await clientToken('ben') });
    const benFirst = record(ben, POSTS);
    const benSecond = record(ben, POSTS);
    await hub.holds(3, 2); // ben's two identical subscriptions are one group
    expect(hub.subscriptions.groups).toBe(2);
    expect(hub.feed.connections.sort()).toEqual(['ana', 'ben']);
    hub.feed.publish({ greetingId: '1' });
    // the owning subgraph (connectionParams) and the entity fetch to another one (HTTP) both see ana
    expect((await ana.next()).data).toEqual({
      greetingPosted: { viewer: 'ana', greeting: { seenBy: 'ana' } },
    });
    expect((await benFirst.next()).data).toMatchObject({ greetingPosted: { viewer: 'ben' } });
    ana.unsubscribe();
    await waitUntil('ana’s upstream socket closed', () => !hub.feed.connections.includes('ana'));
    expect(hub.feed.connections).toEqual(['ben']);
    benFirst.unsubscribe();
    benSecond.unsubscribe();
    await waitUntil('no upstream socket is left', () => hub.feed.connections.length === 0);
  });
});

describe('origins', () => {
  function upgrade(origin?: string): Promise<number> {
    return new Promise((resolve) => {
      const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('error', () => undefined); // aborting the refused handshake below reports one
      socket.once('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
    });
  }

  it('refuses the upgrade with 403 for an origin that is not allowed', async () => {
    expect(await upgrade('https://evil.example')).toBe(403);
    expect(await upgrade('null')).toBe(403);
  });

  it('accepts allowed origins, the gateway’s own, and clients that send none', async () => {
    expect(await upgrade(PARTNER_ORIGIN)).toBe(101);
    expect(await upgrade(new URL(hub.gateway.url).origin)).toBe(101);
    expect(await upgrade()).toBe(101);
  });
});

describe('subscriptions over plain HTTP', () => {
  it('are refused with 400, saying where to send them (not a masked 500 from @apollo/gateway)', async () => {
    const response = await hub.query('subscription { greetingPosted { sequence } }');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: SUBSCRIPTION_OVER_HTTP_MESSAGE, extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(hub.feed.activeSubscriptions).toBe(0);
  });
});

describe('queries and mutations over graphql-ws', () => {
  it('runs a query through the gateway like HTTP, with the same limits', async () => {
    const client = hub.client();
    const greeting = record(client, '{ greeting(id: "1") { text likes } }');
    expect(await greeting.next()).toEqual({ data: { greeting: { text: 'Hello, regions', likes: 10 } } });
    expect(await greeting.end()).toEqual({ completed: true });
    const deep = record(client, '{ tree { child { child { child { child { level } } } } } }');
    expect(await deep.next()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_DEEP' } }] });
    const failing = record(client, '{ failInternally }');
    const failed = await failing.next();
    expect(failed).toMatchObject({ errors: [{ message: 'Internal server error' }] });
    expectNothingInternal(failed);
  });
});

describe('latency', () => {
  it('delivers an event resolved across three subgraphs within a few milliseconds', async () => {
    const posts = record(hub.client(), POSTS);
    await feedHolds(1);
    const timings: number[] = [];
    let last: FormattedExecutionResult | undefined;
    for (let round = 0; round < 30; round += 1) {
      const started = performance.now();
      hub.feed.publish({ greetingId: round % 2 ? '1' : '2' });
      last = await posts.next();
      timings.push(performance.now() - started);
    }
    expect(last?.errors).toBeUndefined();
    const sorted = timings.slice(5).sort((a, b) => a - b); // after warm-up
    const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
    console.info(
      `per-event latency, feed → gateway (+ greetings, reactions) → client: median ${median.toFixed(1)} ms`,
    );
    expect(median).toBeLessThan(250);
    posts.unsubscribe();
    await feedHolds(0);
  });
});

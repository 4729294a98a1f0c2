import { randomUUID } from 'node:crypto';
import {
  createGatewayServer,
  subscriptionStats,
  type GatewayConfigInput,
  type RunningGateway,
} from '@hub/gateway';
import { subscribeForTest, waitFor, type TestSubscription } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubGatewayConfig } from '../src/hub';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 12's limits on callers, through the real hub: the read rate limit shared by two gateway replicas over
 * Redis (one budget, `RateLimit-*` headers, 429 + `Retry-After` + RATE_LIMITED), and the caps on graphql-ws
 * sockets and SSE streams per address and per organisation (4429 / 429 TOO_MANY_CONNECTIONS, released on close).
 * The replicas run next to the test hub's own gateway, on its subgraphs, with small limits.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REGIONS = '{ regions(first: 3, country: "DE", level: 1) { edges { node { code name } } } }';
const SUBSCRIPTION = 'subscription { eventChanged(region: "PT") { change } }';
const ANONYMOUS_LIMIT = 4;
const SIGNED_IN_LIMIT = 6;
const WINDOW_SECONDS = 60;

let hub: TestHub;
/** Two replicas sharing one Redis budget; A also holds the per-address cap of 2 connections. */
let a: RunningGateway;
let b: RunningGateway;
/** Behind a trusted proxy: one connection per address, two per organisation. */
let proxied: RunningGateway;

function replica(overrides: Partial<GatewayConfigInput>): Promise<RunningGateway> {
  return createGatewayServer(
    hubGatewayConfig(hub.subgraphs, hub.secrets, { logLevel: 'warn', ...overrides }),
  );
}

beforeAll(async () => {
  hub = await startTestHub();
  const rateLimit = {
    anonymousLimit: ANONYMOUS_LIMIT,
    signedInLimit: SIGNED_IN_LIMIT,
    windowMs: WINDOW_SECONDS * 1000,
    redisUrl: REDIS_URL,
    namespace: `test_${randomUUID().replace(/-/g, '_')}`,
  };
  const connectionCaps = { perIp: 2, perOrganisation: 100 };
  // one after the other: a replica's start keeps the event loop busy, which would delay the others' Redis
  a = await replica({ rateLimit, connectionCaps });
  b = await replica({ rateLimit, connectionCaps });
  proxied = await replica({ trustProxy: true, connectionCaps: { perIp: 1, perOrganisation: 2 } });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), proxied?.stop()]);
  await hub?.stop();
});

async function post(gateway: RunningGateway, token?: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: REGIONS }),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('the read rate limit', () => {
  it('is one budget for both replicas, announced in RateLimit headers, then 429 with Retry-After', async () => {
    // what the graph answers without any limit (the test hub's own gateway)
    const expected = (await hub.query(REGIONS)).body;
    expect(expected.errors).toBeUndefined();

    const remaining: number[] = [];
    for (let i = 0; i < ANONYMOUS_LIMIT; i += 1) {
      const { response, body } = await post(i % 2 === 0 ? a : b);
      expect(response.status).toBe(200);
      expect(body).toEqual(expected);
      expect(response.headers.get('ratelimit-limit')).toBe(String(ANONYMOUS_LIMIT));
      expect(response.headers.get('ratelimit-policy')).toBe(`${ANONYMOUS_LIMIT};w=${WINDOW_SECONDS}`);
      const reset = Number(response.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(WINDOW_SECONDS);
      remaining.push(Number(response.headers.get('ratelimit-remaining')));
    }
    // A and B took turns: each saw the other's requests counted
    expect(remaining).toEqual([3, 2, 1, 0]);

    for (const gateway of [a, b]) {
      const { response, body } = await post(gateway);
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(response.headers.get('ratelimit-remaining')).toBe('0');
      expect(body).toEqual({
        errors: [
          { message: expect.stringMatching(/^Too many requests/), extensions: { code: 'RATE_LIMITED' } },
        ],
      });
    }

    // a socket is no way around it: a query sent over graphql-ws is refused with the same code
    const overSocket = await subscribeForTest(b.url, REGIONS, {}, { connectionParams: {} });
    const end = await overSocket.ended;
    await overSocket.close();
    expect(end.error).toEqual([
      { message: expect.stringMatching(/^Too many requests/), extensions: { code: 'RATE_LIMITED' } },
    ]);

    // a signed-in organisation has its own, larger budget, also shared
    const token = await hub.token('cpmr', ['contributor']);
    const first = await post(b, token);
    expect(first.response.status).toBe(200);
    expect(first.body).toEqual(expected);
    expect(first.response.headers.get('ratelimit-limit')).toBe(String(SIGNED_IN_LIMIT));
    const second = await post(a, token);
    expect(second.response.headers.get('ratelimit-remaining')).toBe(String(SIGNED_IN_LIMIT - 2));

    // health and the widget script are not counted
    const health = await fetch(new URL('/health/live', a.url));
    expect(health.status).toBe(200);
    expect(health.headers.get('ratelimit-limit')).toBeNull();
    expect((await fetch(new URL('/widget.js', a.url))).headers.get('ratelimit-limit')).toBeNull();
  });
});

/** A graphql-ws client through `gateway`: 'open' once the gateway serves its subscription, else its close code. */
async function openSocket(gateway: RunningGateway, token?: string) {
  const before = subscriptionStats(gateway.httpServer).members;
  const subscription = await subscribeForTest(
    gateway.url,
    SUBSCRIPTION,
    {},
    { connectionParams: token ? { authorization: `Bearer ${token}` } : {} },
  );
  let closeCode: number | undefined;
  let ended = false;
  void subscription.ended.then((end) => {
    ended = true;
    closeCode = end.closeCode;
  });
  await waitFor(
    () => ended || subscriptionStats(gateway.httpServer).members > before,
    'the socket to be served or closed',
  );
  if (ended) await subscription.close();
  return { subscription, outcome: ended ? closeCode : ('open' as const) };
}

/** Open graphql-ws sockets plus SSE streams of `gateway`, from its metrics. */
async function connectionsOf(gateway: RunningGateway): Promise<number> {
  let total = 0;
  for (const name of ['hub_websocket_connections', 'hub_sse_streams']) {
    const metric = gateway.metrics.getSingleMetric(name);
    if (!metric) throw new Error(`no metric ${name}`);
    total += (await metric.get()).values[0]?.value ?? 0;
  }
  return total;
}

/** Runs `close` and waits until the gateway has seen the connection go (and freed its place). */
async function closed(gateway: RunningGateway, close: () => Promise<unknown> | void) {
  const before = await connectionsOf(gateway);
  await close();
  const deadline = Date.now() + 10_000;
  while ((await connectionsOf(gateway)) >= before) {
    if (Date.now() > deadline) throw new Error('the connection did not close');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function closeSocket(gateway: RunningGateway, subscription: TestSubscription<unknown>) {
  return closed(gateway, () => subscription.close());
}

async function openStream(gateway: RunningGateway, headers: Record<string, string> = {}) {
  const url = new URL(gateway.streamUrl);
  url.searchParams.set('query', SUBSCRIPTION);
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  return {
    response,
    close: () => closed(gateway, () => controller.abort()),
  };
}

describe('caps on sockets and streams', () => {
  it('refuses the third connection of an address (4429 / 429) and takes one again after one closes', async () => {
    const first = await openSocket(a);
    const second = await openSocket(a);
    expect([first.outcome, second.outcome]).toEqual(['open', 'open']);

    const third = await openSocket(a);
    expect(third.outcome).toBe(4429);

    const refused = await openStream(a);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.response.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Too many connections: this address already holds 2/),
          extensions: { code: 'TOO_MANY_CONNECTIONS' },
        },
      ],
    });

    // each replica counts its own connections
    const elsewhere = await openSocket(b);
    expect(elsewhere.outcome).toBe('open');
    await closeSocket(b, elsewhere.subscription);

    // a closed socket frees its place: a stream takes it
    await closeSocket(a, first.subscription);
    const stream = await openStream(a);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await openSocket(a)).outcome).toBe(4429);

    // a closed stream frees its place: a socket takes it
    await stream.close();
    const again = await openSocket(a);
    expect(again.outcome).toBe('open');
    await closeSocket(a, again.subscription);
    await closeSocket(a, second.subscription);
  });

  it('caps an organisation across addresses; behind a trusted proxy the address is X-Forwarded-For', async () => {
    const token = await hub.token('cpmr', ['contributor']);
    const member = (address: string) => ({ 'x-forwarded-for': address, authorization: `Bearer ${token}` });
    const streams = [
      await openStream(proxied, member('192.0.2.1')),
      await openStream(proxied, member('192.0.2.2')),
    ];
    expect(streams.map((stream) => stream.response.status)).toEqual([200, 200]);

    const third = await openStream(proxied, member('192.0.2.3'));
    expect(third.response.status).toBe(429);
    expect(await third.response.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Too many connections: this organisation already holds 2/),
          extensions: { code: 'TOO_MANY_CONNECTIONS' },
        },
      ],
    });
    // the organisation's sockets count too: refused at connect
    expect((await openSocket(proxied, token)).outcome).toBe(4429);
    // anonymous connections count per address only; one address holds one
    const anonymous = await openStream(proxied, { 'x-forwarded-for': '192.0.2.3' });
    expect(anonymous.response.status).toBe(200);
    expect((await openStream(proxied, { 'x-forwarded-for': '192.0.2.3' })).response.status).toBe(429);

    await streams[0]!.close();
    const next = await openStream(proxied, member('192.0.2.4'));
    expect(next.response.status).toBe(200);
    for (const stream of [next, streams[1]!, anonymous]) await stream.close();
  });
});

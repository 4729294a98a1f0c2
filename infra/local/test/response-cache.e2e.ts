import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import {
  CACHE_STATUS_HEADER,
  createGatewayServer,
  DEFAULT_RESPONSE_CACHE_SETTINGS,
  type ResponseCacheSettings,
  type RunningGateway,
} from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubGatewayConfig } from '../src/hub';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 11's check of the response cache through the real hub. Two gateway replicas, A and B, each hear the
 * subgraphs' domain events on the subgraphs' own buses (LISTEN/NOTIFY on their databases here) and, with
 * REDIS_URL (CI's end-to-end pass), one store of entries in Redis and each other's invalidations. The test hub's own gateway has no cache: a write
 * through it reaches A and B only as a domain event, as a write by a subgraph CLI or another deployment would.
 */
const REDIS_URL = process.env.REDIS_URL;
const EVENT = 'query ($id: ID!) { event(id: $id) { id title } }';
const UPDATE = 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id title version } }';

let hub: TestHub;
let a: RunningGateway;
let b: RunningGateway;

beforeAll(async () => {
  hub = await startTestHub();
  const settings: ResponseCacheSettings = {
    ...DEFAULT_RESPONSE_CACHE_SETTINGS,
    namespace: `test_${randomUUID().replace(/-/g, '_')}`,
    ...(REDIS_URL ? { redisUrl: REDIS_URL } : {}),
    // every subgraph's bus: those that publish nothing (regions) are skipped
    domainEvents: Object.values(hub.subgraphs).map((subgraph) => ({
      subgraph: subgraph.name,
      bus: subgraph.bus,
    })),
  };
  const replica = () =>
    createGatewayServer(
      hubGatewayConfig(hub.subgraphs, hub.secrets, { logLevel: 'warn', responseCache: settings }),
    );
  [a, b] = await Promise.all([replica(), replica()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await hub?.stop();
});

async function read(url: string, id: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: EVENT, variables: { id } }),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { data: { event: { title: string } | null } }) : undefined;
  return {
    status: response.status,
    cache: response.headers.get(CACHE_STATUS_HEADER),
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    vary: response.headers.get('vary'),
    title: body?.data.event?.title,
  };
}

async function createEvent(title: string, editor: string) {
  const created = await hub.query(
    CreateEventDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        title,
        summary: 'Published at once, so anonymous callers read it.',
        kind: 'POLITICAL_ROUNDTABLE',
        startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 10 * 86_400_000 + 7_200_000).toISOString(),
        timeZone: 'Europe/Brussels',
        format: 'ONLINE',
        onlineUrl: 'https://example.org/roundtable',
        hostRegions: ['BE10'],
        organisers: ['cpmr'],
        publish: true,
      },
    },
    editor,
  );
  expect(created.body.errors).toBeUndefined();
  return created.body.data!.createEvent;
}

/**
 * Caches `id` on both replicas: a miss on A, then a hit on A and on B (B shares A's entries in Redis, or caches
 * its own on its first read).
 */
async function warm(id: string) {
  expect((await read(a.url, id)).cache).toBe('miss');
  expect((await read(a.url, id)).cache).toBe('hit');
  const first = await read(b.url, id);
  expect(first.cache).toBe(REDIS_URL ? 'hit' : 'miss');
  expect((await read(b.url, id)).cache).toBe('hit');
}

/** Reads `id` on `url` until it shows `title`, for at most 1 s after `since`; the last title read. */
async function titleWithinASecond(url: string, id: string, title: string, since: number) {
  let seen: string | undefined;
  do {
    ({ title: seen } = await read(url, id));
  } while (seen !== title && Date.now() - since < 1_000);
  return seen;
}

describe('the response cache of two replicas in front of the real subgraphs', () => {
  it('serves no old title on any replica 1 s after updateEvent commits, and keeps other events cached', async () => {
    const editor = await hub.token('cpmr', ['editor']);
    const changed = await createEvent('Roundtable on housing, first title', editor);
    const untouched = await createEvent('Roundtable on transport', editor);
    for (const { id } of [changed, untouched]) await warm(id);

    const updated = await postTo(
      a.url,
      UPDATE,
      {
        input: { id: changed.id, version: changed.version, title: 'Roundtable on housing, second title' },
      },
      editor,
    );
    expect(updated.errors).toBeUndefined();
    const committed = Date.now();
    for (const url of [a.url, b.url]) {
      expect(
        await titleWithinASecond(url, changed.id, 'Roundtable on housing, second title', committed),
      ).toBe('Roundtable on housing, second title');
      // precision: the other event's entry was not about the write
      expect(await read(url, untouched.id)).toMatchObject({ cache: 'hit', title: 'Roundtable on transport' });
    }
  });

  it('evicts on both replicas a write that went through neither (the domain event alone tells them)', async () => {
    const editor = await hub.token('cpmr', ['editor']);
    const changed = await createEvent('Workshop on ports, first title', editor);
    const untouched = await createEvent('Workshop on rail', editor);
    for (const { id } of [changed, untouched]) await warm(id);
    // through the test hub's own gateway, which has no cache and tells A and B nothing
    const updated = await hub.query(
      UPDATE,
      { input: { id: changed.id, version: changed.version, title: 'Workshop on ports, second title' } },
      editor,
    );
    expect(updated.body.errors).toBeUndefined();
    const committed = Date.now();
    for (const url of [a.url, b.url]) {
      expect(await titleWithinASecond(url, changed.id, 'Workshop on ports, second title', committed)).toBe(
        'Workshop on ports, second title',
      );
      expect(await read(url, untouched.id)).toMatchObject({ cache: 'hit', title: 'Workshop on rail' });
    }
  });

  it('answers 304 to a client holding the current answer, and the new answer once it changed', async () => {
    const editor = await hub.token('cpmr', ['editor']);
    const event = await createEvent('Seminar on water, first title', editor);
    const first = await read(b.url, event.id);
    expect(first).toMatchObject({ status: 200, cacheControl: 'public, max-age=0, must-revalidate' });
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(first.vary?.toLowerCase()).toContain('accept-language');
    const hit = await read(b.url, event.id);
    expect(hit.etag).toBe(first.etag);
    const revalidated = await read(b.url, event.id, { 'if-none-match': first.etag! });
    expect(revalidated).toMatchObject({ status: 304, etag: first.etag, cache: 'hit' });
    // a GET with the CSRF preflight header is answered from the same entry
    const get = await fetch(
      `${b.url}?${new URLSearchParams({ query: EVENT, variables: JSON.stringify({ id: event.id }) })}`,
      { headers: { 'apollo-require-preflight': 'true', 'if-none-match': first.etag! } },
    );
    expect(get.status).toBe(304);

    await hub.query(
      UPDATE,
      { input: { id: event.id, version: event.version, title: 'Seminar on water, second title' } },
      editor,
    );
    const committed = Date.now();
    let after: Awaited<ReturnType<typeof read>>;
    do after = await read(b.url, event.id, { 'if-none-match': first.etag! });
    while (after.status === 304 && Date.now() - committed < 1_000);
    expect(after).toMatchObject({ status: 200, title: 'Seminar on water, second title' });
    expect(after.etag).not.toBe(first.etag);
  });

  it('never caches a signed-in answer nor serves one to anyone else', async () => {
    const token = await hub.token('cpmr', ['contributor']);
    const id = randomUUID();
    for (const url of [a.url, b.url]) {
      const first = await read(url, id, { authorization: `Bearer ${token}` });
      const second = await read(url, id, { authorization: `Bearer ${token}` });
      expect([first.cache, second.cache]).toEqual([null, null]);
      expect(second.cacheControl).toBe('private, no-store');
      expect(second.etag ?? '').not.toMatch(/^"/); // no strong validator of a cached answer
    }
    // the same question asked anonymously is a miss: the signed-in answers were not stored, by choice
    await warm(id);
  });
});

async function postTo(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { errors?: unknown[] };
}

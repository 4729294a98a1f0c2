import { randomUUID } from 'node:crypto';
import { createEventBus, createLogger } from '@hub/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { COUNT_MAX_AGE_MS, MemoryCacheStore, RedisCacheStore, type CacheStore } from '../src/cache-store';
import { domainEventSourcesFromEnv } from '../src/config';
import { createGatewayMetrics } from '../src/metrics';
import { ResponseCache } from '../src/response-cache';

/** Needs Redis (REDIS_URL); every test has its own namespace. */
const REDIS_URL = process.env.REDIS_URL;
const logger = createLogger('test', 'silent');
const namespace = () => `test_${randomUUID().replace(/-/g, '_')}`;
const answer = (text: string) => ({ text, etag: `"${text}"`, operation: 'Q' });

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

async function redisStore(ns: string, maxEntryBytes = 1024): Promise<CacheStore> {
  const store = await RedisCacheStore.connect({ url: REDIS_URL!, namespace: ns, maxEntryBytes, logger });
  opened.push(store);
  return store;
}

const stores: [string, () => Promise<CacheStore>][] = [
  ['memory', async () => new MemoryCacheStore(1024)],
  ...(REDIS_URL ? ([['Redis', () => redisStore(namespace())]] as [string, () => Promise<CacheStore>][]) : []),
];

describe.each(stores)('the %s store', (_name, open) => {
  it('gives back what it stored, and drops by tag exactly the entries with that tag', async () => {
    const store = await open();
    await store.set('one', answer('one'), ['e:Event:1', 's:regions'], 60_000);
    await store.set('two', answer('two'), ['e:Event:2', 's:regions'], 60_000);
    await store.set('list', answer('list'), ['s:events'], 60_000);
    expect(await store.get('one')).toEqual(answer('one'));
    await store.evict(['e:Event:1', 's:events']);
    expect(await store.get('one')).toBeUndefined();
    expect(await store.get('list')).toBeUndefined();
    expect(await store.get('two')).toEqual(answer('two'));
    await store.evict(['s:regions']);
    expect(await store.get('two')).toBeUndefined();
  });

  it('counts the entries it holds', async () => {
    const store = await open();
    await store.set('one', answer('one'), ['e:Event:1'], 60_000);
    await store.set('two', answer('two'), ['e:Event:2'], 60_000);
    expect(await store.count()).toBe(2);
  });

  it('forgets an entry after its time to live', async () => {
    const store = await open();
    await store.set('short', answer('short'), ['s:events'], 50);
    expect(await store.get('short')).toEqual(answer('short'));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.get('short')).toBeUndefined();
  });
});

describe.skipIf(!REDIS_URL)('the Redis store', () => {
  it('refuses an entry larger than its cap, and keeps the index sets no longer than their entries', async () => {
    const ns = namespace();
    const store = await redisStore(ns, 64);
    await store.set('big', answer('x'.repeat(100)), ['s:events'], 60_000);
    expect(await store.get('big')).toBeUndefined();
    await store.set('small', answer('small'), ['e:Event:9'], 60_000);
    const { createClient } = await import('redis');
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      const ttl = await client.pTTL(`${ns}:cache:t:e:Event:9`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await client.exists(`${ns}:cache:t:s:events`)).toBe(0);
    } finally {
      await client.quit();
    }
  });

  it('counts the entries of its namespace only, again once the last count is 15 s old (the metrics gauge)', async () => {
    let now = 0;
    const ns = namespace();
    const store = await RedisCacheStore.connect({
      url: REDIS_URL!,
      namespace: ns,
      maxEntryBytes: 1024,
      logger,
      now: () => now,
    });
    opened.push(store);
    const other = await redisStore(namespace());
    await other.set('elsewhere', answer('elsewhere'), ['s:events'], 60_000);
    for (const key of ['a', 'b', 'c']) await store.set(key, answer(key), ['s:events', 'e:Event:1'], 60_000);
    // the index sets (`…:t:…`) are not entries
    expect(await store.count()).toBe(3);
    await store.evict(['e:Event:1']);
    expect(await store.count()).toBe(3); // counted 0 s ago
    now += COUNT_MAX_AGE_MS;
    expect(await store.count()).toBe(0);
    // a gateway's gauge reads the same number
    const registry = new Registry();
    const cache = new ResponseCache(
      { ttlMs: 60_000, maxBytes: 1024 * 1024, redisUrl: REDIS_URL, namespace: ns },
      logger,
    );
    await cache.start();
    opened.push({ close: () => cache.stop() });
    createGatewayMetrics(registry, {
      subscriptions: () => ({ groups: 0, members: 0, executions: 0 }),
      connections: () => ({ webSockets: 0, sseStreams: 0 }),
      responseCache: cache,
    });
    await store.set('d', answer('d'), ['s:events'], 60_000);
    expect(await registry.getSingleMetricAsString('hub_response_cache_entries')).toMatch(
      /^hub_response_cache_entries 1$/m,
    );
  });

  it('hears a subgraph on the Redis namespace its environment names, as the kit publishes there', async () => {
    const supergraph = `enum join__Graph {
      FORUM @join__graph(name: "forum", url: "http://forum:4003/graphql")
    }`;
    // a subgraph's namespace is its DATABASE_NAME (kit's createEventBus); a unique one keeps test runs apart
    const databaseName = namespace();
    const domainEvents = domainEventSourcesFromEnv(
      { DOMAIN_EVENTS_NAMESPACE_FORUM: databaseName },
      supergraph,
      { redisUrl: REDIS_URL! },
    );
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 * 1024, domainEvents }, logger);
    await cache.start();
    opened.push({ close: () => cache.stop() });
    const forum = await createEventBus({
      databaseUrl: 'postgres://unused/unused',
      databaseName,
      redisUrl: REDIS_URL!,
      logger,
    });
    opened.push(forum);
    const result = (title: string) => ({ data: { thread: { id: title, title } } });
    await cache.set('one', result('one'), cache.scope(), 'Thread', ['e:Thread:one']);
    await cache.set('two', result('two'), cache.scope(), 'Thread', ['e:Thread:two']);
    await forum.publish({ topic: 'forum.threadChanged', payload: { threadId: 'one', postId: null } });
    const deadline = Date.now() + 1_000;
    while ((await cache.answer('one')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await cache.answer('one')).toBeUndefined();
    expect(await cache.get('two')).toEqual(result('two'));
  });

  it('is shared by the replicas: one stores, the other answers; an event heard by one evicts for both', async () => {
    const settings = { ttlMs: 60_000, maxBytes: 1024 * 1024, redisUrl: REDIS_URL, namespace: namespace() };
    const a = new ResponseCache(settings, logger);
    const b = new ResponseCache(settings, logger);
    await Promise.all([a.start(), b.start()]);
    opened.push({ close: () => a.stop() }, { close: () => b.stop() });
    const result = { data: { event: { id: '1', title: 'First title' } } };
    const etag = await a.set('k', result, a.scope(), 'Event', ['e:Event:1']);
    expect((await b.answer('k'))?.etag).toBe(etag);
    expect(await b.get('k')).toEqual(result);
    b.invalidateTags(['e:Event:1']);
    const deadline = Date.now() + 1_000;
    while ((await a.answer('k')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await a.answer('k')).toBeUndefined();
  });
});

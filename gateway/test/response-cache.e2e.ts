import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_STATUS_HEADER } from '../src/response-cache';
import { postQuery, startFixtureHub, startGatewayFor, type FixtureHub } from './fixtures/hub';

/** Needs Redis (REDIS_URL): CI's end-to-end pass has it. */
const REDIS_URL = process.env.REDIS_URL;
const GREETING = 'query ($id: ID!) { greeting(id: $id) { id text likes } }';

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe.skipIf(!REDIS_URL)('two gateway replicas over Redis', () => {
  it('a write through one replica empties the cache of the other within a second', async () => {
    const namespace = `test_${Date.now()}`;
    const settings = { ttlMs: 60_000, maxBytes: 1024 * 1024, redisUrl: REDIS_URL, namespace };
    const subgraphs = [hub.subgraphs.greetings, hub.subgraphs.reactions];
    const [a, b] = await Promise.all([
      startGatewayFor(subgraphs, { responseCache: settings }),
      startGatewayFor(subgraphs, { responseCache: settings }),
    ]);
    try {
      await postQuery(b.gateway.url, GREETING, { id: '1' });
      expect((await postQuery(b.gateway.url, GREETING, { id: '1' })).headers.get(CACHE_STATUS_HEADER)).toBe(
        'hit',
      );
      await postQuery(a.gateway.url, 'mutation { renameGreeting(id: "1", text: "Hello, cities") { id } }');
      const deadline = Date.now() + 1_000;
      let text: unknown;
      do {
        const response = await postQuery(b.gateway.url, GREETING, { id: '1' });
        text = (response.body.data as { greeting: { text: string } }).greeting.text;
      } while (text !== 'Hello, cities' && Date.now() < deadline);
      expect(text).toBe('Hello, cities');
    } finally {
      await Promise.all([a.gateway.stop(), b.gateway.stop()]);
    }
  });
});

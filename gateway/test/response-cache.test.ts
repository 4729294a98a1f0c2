import { createLogger } from '@hub/kit';
import { issueClientToken } from '../src/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_STATUS_HEADER, ResponseCache } from '../src/response-cache';
import { FIXTURE_AUTH, startFixtureHub, type FixtureHub } from './fixtures/hub';

const GREETING = 'query ($id: ID!) { greeting(id: $id) { id text likes } }';

function token(): Promise<string> {
  return issueClientToken({
    secret: FIXTURE_AUTH.secret,
    issuer: FIXTURE_AUTH.issuer,
    audience: FIXTURE_AUTH.audience,
    subject: 'user-42',
    name: 'Ana Partner',
    organisationId: 'org-cpmr',
    roles: ['editor'],
  });
}

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub({ responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } });
});

afterAll(async () => {
  await hub?.stop();
});

const calls = () => hub.subgraphs.greetings.calls + hub.subgraphs.reactions.calls;

describe('the response cache of anonymous queries', () => {
  it('answers a repeated anonymous query without asking the subgraphs, and says so', async () => {
    const first = await hub.query(GREETING, { id: '1' });
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe('miss');
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const before = calls();
    const second = await hub.query(GREETING, { id: '1' });
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(calls()).toBe(before);
    // other variables are another entry
    const other = await hub.query(GREETING, { id: '2' });
    expect(other.headers.get(CACHE_STATUS_HEADER)).toBe('miss');
    expect(calls()).toBeGreaterThan(before);
  });

  it('answers a hit with the same bytes as the miss, and in the media type a client asks for', async () => {
    const query = '{ greeting(id: "2") { id likes } }';
    const post = (accept?: string) =>
      fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
        body: JSON.stringify({ query }),
      });
    const miss = await post();
    const missText = await miss.text();
    const hit = await post();
    expect(hit.headers.get(CACHE_STATUS_HEADER)).toBe('hit');
    expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
    expect(await hit.text()).toBe(missText);
    const graphqlResponse = await post('application/graphql-response+json');
    expect(graphqlResponse.headers.get(CACHE_STATUS_HEADER)).toBe('hit');
    expect(graphqlResponse.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await graphqlResponse.json()).toEqual(JSON.parse(missText));
  });

  it('never stores nor serves a signed-in response', async () => {
    await hub.query(GREETING, { id: '1' }); // cached for anonymous callers
    const authorization = `Bearer ${await token()}`;
    for (let i = 0; i < 2; i += 1) {
      const before = calls();
      const response = await hub.query('{ whoami { subject } greeting(id: "1") { text } }', undefined, {
        authorization,
      });
      expect(response.body.data).toMatchObject({ whoami: { subject: 'user-42' } });
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get(CACHE_STATUS_HEADER)).toBeNull();
      expect(calls()).toBeGreaterThan(before);
    }
  });

  it('does not store responses with errors', async () => {
    for (let i = 0; i < 2; i += 1) {
      const response = await hub.query('{ failWithConflict }');
      expect(response.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(response.headers.get(CACHE_STATUS_HEADER)).toBe('bypass');
    }
  });

  it('drops what a subgraph served as soon as a mutation reaches it', async () => {
    const cached = await hub.query(GREETING, { id: '2' });
    expect((await hub.query(GREETING, { id: '2' })).headers.get(CACHE_STATUS_HEADER)).toBe('hit');
    await hub.query('mutation { renameGreeting(id: "2", text: "Bonjour, régions") { id } }');
    const after = await hub.query(GREETING, { id: '2' });
    expect(after.headers.get(CACHE_STATUS_HEADER)).toBe('miss');
    expect(after.body.data).toEqual({ greeting: { id: '2', text: 'Bonjour, régions', likes: 20 } });
    expect(after.body.data).not.toEqual(cached.body.data);
  });
});

describe('ResponseCache', () => {
  const result = (text: string) => ({ data: { greeting: { text } } });

  it('does not store a read that was running when its subgraph took a write', () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 }, createLogger('test', 'silent'));
    const racing = cache.scope();
    racing.subgraphs.add('greetings');
    cache.invalidate(['greetings']);
    expect(cache.set('k', result('old'), racing)).toBe(false);
    const fresh = cache.scope();
    fresh.subgraphs.add('greetings');
    expect(cache.set('k', result('new'), fresh)).toBe(true);
    expect(cache.get('k')).toEqual(result('new'));
  });

  it('drops only the entries built from the written subgraph, and the oldest when full, and expired ones', () => {
    let now = 0;
    const cache = new ResponseCache(
      { ttlMs: 1_000, maxBytes: 80 },
      createLogger('test', 'silent'),
      () => now,
    );
    const scope = (name: string) => {
      const s = cache.scope();
      s.subgraphs.add(name);
      return s;
    };
    cache.set('a', result('a'), scope('greetings'));
    cache.set('b', result('b'), scope('reactions'));
    cache.invalidate(['greetings']);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual(result('b'));
    cache.set('c', result('c'), scope('reactions'));
    cache.set('d', result('d'), scope('reactions')); // 3 × 34 bytes > 80: the least recently used goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('d')).toEqual(result('d'));
    now = 1_000;
    expect(cache.get('d')).toBeUndefined();
  });
});

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
  hub = await startFixtureHub({
    responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 },
    corsOrigins: ['https://partner.example'],
  });
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

  it('validates with a strong ETag (304 when unchanged), and varies by language besides the CORS origin', async () => {
    const query = '{ greeting(id: "1") { id text } }';
    const post = (headers: Record<string, string> = {}) =>
      fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://partner.example', ...headers },
        body: JSON.stringify({ query }),
      });
    const first = await post();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const vary = (first.headers.get('vary') ?? '').toLowerCase();
    expect(vary).toContain('origin');
    expect(vary).toContain('accept-language');
    const hit = await post({ 'if-none-match': etag! });
    expect(hit.status).toBe(304);
    expect(hit.headers.get('etag')).toBe(etag);
    expect(hit.headers.get('vary')?.toLowerCase()).toContain('origin');
    expect(await hit.text()).toBe('');
    const other = await post({ 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe(etag);
    // another label language is another entry, with its own validator
    const french = await post({ 'accept-language': 'fr', 'if-none-match': etag! });
    expect(french.status).toBe(200);
    expect(french.headers.get(CACHE_STATUS_HEADER)).toBe('miss');
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

  it('does not store a read that was running when its subgraph took a write', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 }, createLogger('test', 'silent'));
    const racing = cache.scope();
    racing.subgraphs.add('greetings');
    cache.invalidate(['greetings']);
    expect(await cache.set('k', result('old'), racing)).toBeUndefined();
    const fresh = cache.scope();
    fresh.subgraphs.add('greetings');
    expect(await cache.set('k', result('new'), fresh)).toMatch(/^"[\w-]+"$/);
    expect(await cache.get('k')).toEqual(result('new'));
  });

  it('drops only the entries with the tags evicted, and the oldest when full, and expired ones', async () => {
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
    await cache.set('a', result('a'), scope('greetings'));
    await cache.set('b', result('b'), scope('reactions'));
    cache.invalidate(['greetings']);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toEqual(result('b'));
    await cache.set('c', result('c'), scope('reactions'));
    await cache.set('d', result('d'), scope('reactions')); // 3 × 34 bytes > 80: the least recently used goes
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('d')).toEqual(result('d'));
    now = 1_000;
    expect(await cache.get('d')).toBeUndefined();
  });

  it('evicts by entity: an event about one entity leaves the entries about another', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 4096 }, createLogger('test', 'silent'));
    await cache.set('one', result('one'), cache.scope(), 'One', ['e:Event:1', 't:Event']);
    await cache.set('two', result('two'), cache.scope(), 'Two', ['e:Event:2', 't:Event']);
    await cache.set('list', result('list'), cache.scope(), 'List', ['s:events']);
    cache.invalidateTags(['s:events', 'e:Event:1']);
    expect(await cache.get('one')).toBeUndefined();
    expect(await cache.get('list')).toBeUndefined();
    expect(await cache.get('two')).toEqual(result('two'));
    // an entry about an entity whose event landed while it was read is not stored
    const racing = cache.scope();
    cache.invalidateTags(['e:Event:2']);
    expect(await cache.set('two', result('old two'), racing, 'Two', ['e:Event:2'])).toBeUndefined();
    expect(await cache.set('one', result('one'), racing, 'One', ['e:Event:1'])).toBeDefined();
  });
});

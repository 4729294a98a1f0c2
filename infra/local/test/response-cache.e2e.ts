import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import { programmeInput as baseProgrammeInput } from '@hub/exchanges/testing';
import {
  CACHE_STATUS_HEADER,
  createGatewayServer,
  DEFAULT_RESPONSE_CACHE_SETTINGS,
  domainEventSourcesFromEnv,
  type ResponseCacheSettings,
  type RunningGateway,
} from '@hub/gateway';
import { databaseUrl, INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { postGraphQL, testCaller } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubGatewayConfig } from '../src/hub';
import { openConsultation } from './dialogue-fixtures';
import { gatewayInternalToken, startTestHub, type TestHub } from './harness';

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
/** A third replica whose event sources come from environment variables, as a container's would. */
let c: RunningGateway;

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
  // DOMAIN_EVENTS_DATABASE_URL_<SUBGRAPH>: each subgraph's own database (the test hub's names are prefixed)
  const env = Object.fromEntries(
    Object.values(hub.subgraphs).map((subgraph) => [
      `DOMAIN_EVENTS_DATABASE_URL_${subgraph.name.toUpperCase()}`,
      databaseUrl(hub.databaseServerUrl, subgraph.orm.config.get('dbName')),
    ]),
  );
  const base = hubGatewayConfig(hub.subgraphs, hub.secrets, { logLevel: 'warn' });
  const domainEvents = domainEventSourcesFromEnv(env, base.supergraphSdl, {});
  c = await createGatewayServer({
    ...base,
    responseCache: { ...DEFAULT_RESPONSE_CACHE_SETTINGS, domainEvents },
  });
  [a, b] = await Promise.all([replica(), replica()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
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

/** Posts `query` to `url` anonymously (cacheable); the cache status and the data. */
async function anonymous<T>(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return { cache: response.headers.get(CACHE_STATUS_HEADER), data: body.data! };
}

/** Writes straight to a subgraph, as the gateway would for `caller`: no gateway hears of it but by its event. */
async function writeDirectly<T>(
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
  organisation: string,
  roles: Parameters<typeof testCaller>[1],
): Promise<T> {
  const token = await gatewayInternalToken(
    testCaller(organisation, roles, `${organisation}-cache-e2e`),
    subgraph,
  );
  const { body } = await postGraphQL<T>(hub.subgraphs[subgraph]!.url, query, variables, {
    [INTERNAL_TOKEN_HEADER]: token,
  });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/**
 * Caches `query` for `x` and for `y` on replica C, writes `y` (its entry goes, `x`'s stays), then `x` (its
 * entry goes within a second of the write).
 */
async function evictsExactly(
  query: string,
  x: Record<string, unknown>,
  y: Record<string, unknown>,
  writeY: () => Promise<unknown>,
  writeX: () => Promise<unknown>,
) {
  for (const variables of [x, y]) {
    expect((await anonymous(c.url, query, variables)).cache).toBe('miss');
    expect((await anonymous(c.url, query, variables)).cache).toBe('hit');
  }
  await writeY();
  const afterY = Date.now();
  // the event of Y's write evicts Y's entry within a second; then X's entry is known to have survived it
  let seen: string | null;
  do seen = (await anonymous(c.url, query, y)).cache;
  while (seen === 'hit' && Date.now() - afterY < 1_000);
  expect(seen).toBe('miss');
  expect((await anonymous(c.url, query, x)).cache).toBe('hit');
  await writeX();
  const afterX = Date.now();
  do seen = (await anonymous(c.url, query, x)).cache;
  while (seen === 'hit' && Date.now() - afterX < 1_000);
  expect(seen).toBe('miss');
}

describe('a replica hearing the subgraphs on the sources its environment names, entity by entity', () => {
  it('evicts an event written straight to the events subgraph, and no other event', async () => {
    const editor = await hub.token('cpmr', ['editor']);
    const changed = await createEvent('Study visit to Gdansk, first title', editor);
    const untouched = await createEvent('Study visit to Tallinn', editor);
    expect((await read(c.url, changed.id)).cache).toBe('miss');
    expect((await read(c.url, untouched.id)).cache).toBe('miss');
    await writeDirectly(
      'events',
      UPDATE,
      { input: { id: changed.id, version: changed.version, title: 'Study visit to Gdansk, second title' } },
      'cpmr',
      ['editor'],
    );
    expect(
      await titleWithinASecond(c.url, changed.id, 'Study visit to Gdansk, second title', Date.now()),
    ).toBe('Study visit to Gdansk, second title');
    expect(await read(c.url, untouched.id)).toMatchObject({ cache: 'hit', title: 'Study visit to Tallinn' });
  });

  it('forum: a thread survives a reply to another thread and goes with a reply to itself', async () => {
    const start = 'mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }';
    const reply = 'mutation ($input: ReplyInput!) { reply(input: $input) { id } }';
    const thread = async (title: string) =>
      (
        await writeDirectly<{ startThread: { id: string } }>(
          'forum',
          start,
          { input: { idempotencyKey: randomUUID(), title, body: 'Who else runs one?', regions: ['AT13'] } },
          'cpmr',
          ['contributor'],
        )
      ).startThread.id;
    const [x, y] = [await thread('Language cafés'), await thread('Welcome desks')];
    const replyTo = (id: string) => () =>
      writeDirectly(
        'forum',
        reply,
        { input: { idempotencyKey: randomUUID(), thread: id, body: 'We do, every Tuesday.' } },
        'aer',
        ['contributor'],
      );
    await evictsExactly(
      'query ($id: ID!) { thread(id: $id) { id title postCount } }',
      { id: x },
      { id: y },
      replyTo(y),
      replyTo(x),
    );
    // a list (the region's threads) is tagged with the forum as a whole: any new thread evicts it
    const list = 'query ($code: ID!) { region(code: $code) { code threads { totalCount } } }';
    type Listed = { region: { threads: { totalCount: number } } };
    const before = await anonymous<Listed>(c.url, list, { code: 'AT13' });
    expect((await anonymous<Listed>(c.url, list, { code: 'AT13' })).cache).toBe('hit');
    await thread('Housing first');
    const since = Date.now();
    let after: Awaited<ReturnType<typeof anonymous<Listed>>>;
    do after = await anonymous<Listed>(c.url, list, { code: 'AT13' });
    while (after.cache === 'hit' && Date.now() - since < 1_000);
    expect(after.data.region.threads.totalCount).toBe(before.data.region.threads.totalCount + 1);
  });

  it('dialogue: a consultation survives another one postponed and goes when postponed itself', async () => {
    const [x, y] = [await openConsultation(hub), await openConsultation(hub)];
    const update = 'mutation ($input: UpdateConsultationInput!) { updateConsultation(input: $input) { id } }';
    const postpone = (consultation: { id: string; version: number }) => () =>
      writeDirectly(
        'dialogue',
        update,
        {
          input: {
            id: consultation.id,
            version: consultation.version,
            // an OPEN consultation changes only closesAt, event and discussion
            closesAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          },
        },
        'cor',
        ['editor'],
      );
    await evictsExactly(
      'query ($id: ID!) { consultation(id: $id) { id title closesAt responseCount } }',
      { id: x.id },
      { id: y.id },
      postpone(y),
      postpone(x),
    );
  });

  it('exchanges: a programme survives a change of another one and goes with a change of itself', async () => {
    type Ref = { id: string; version: number };
    const programme = async () => {
      const { createProgramme: draft } = await writeDirectly<{ createProgramme: Ref }>(
        'exchanges',
        'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id version } }',
        { input: baseProgrammeInput({ policyAreas: ['EMPLOYMENT_AND_SKILLS'], languages: ['de', 'en'] }) },
        'cor',
        ['editor'],
      );
      // public once its call opened
      return (
        await writeDirectly<{ openProgrammeCall: Ref }>(
          'exchanges',
          'mutation ($input: OpenProgrammeCallInput!) { openProgrammeCall(input: $input) { id version } }',
          { input: { id: draft.id, version: draft.version } },
          'cor',
          ['editor'],
        )
      ).openProgrammeCall;
    };
    const [x, y] = [await programme(), await programme()];
    const retitle = (ref: Ref) => () =>
      writeDirectly(
        'exchanges',
        'mutation ($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id } }',
        { input: { id: ref.id, version: ref.version, title: 'Mentoring on jobs, second round' } },
        'cor',
        ['editor'],
      );
    await evictsExactly(
      'query ($id: ID!) { programme(id: $id) { id title status } }',
      { id: x.id },
      { id: y.id },
      retitle(y),
      retitle(x),
    );
  });

  it('indicators: an indicator survives a batch of another one and goes with a batch of its own', async () => {
    const record = (indicator: string) => () =>
      writeDirectly(
        'indicators',
        'mutation ($input: RecordObservationsInput!) { recordObservations(input: $input) { id } }',
        {
          input: {
            idempotencyKey: randomUUID(),
            observations: [
              { indicator, region: 'AT13', period: 2021, breakdown: 'FOREIGN_BORN', value: 7.5 },
            ],
          },
        },
        'cpmr',
        ['contributor'],
      );
    await evictsExactly(
      'query ($code: ID!) { indicator(code: $code) { code unit } }',
      { code: 'employment_rate_20_64' },
      { code: 'unemployment_rate_15_74' },
      record('unemployment_rate_15_74'),
      record('employment_rate_20_64'),
    );
  });

  it('library: a resource survives a change of another one and goes with a change of itself', async () => {
    type Ref = { id: string; version: number };
    const resource = async (title: string) => {
      const { createResource: draft } = await writeDirectly<{ createResource: Ref }>(
        'library',
        'mutation ($input: CreateResourceInput!) { createResource(input: $input) { id version } }',
        {
          input: {
            idempotencyKey: randomUUID(),
            kind: 'GOOD_PRACTICE',
            language: 'en',
            title,
            summary: 'Volunteers pair newcomers with local families.',
            body: 'Run with the city.',
            publishedOn: '2025-03-01',
            territories: ['AT13'],
            policyAreas: ['HOUSING'],
          },
        },
        'cpmr',
        ['editor'],
      );
      return (
        await writeDirectly<{ publishResource: Ref }>(
          'library',
          'mutation ($input: PublishResourceInput!) { publishResource(input: $input) { id version } }',
          { input: { id: draft.id, version: draft.version } },
          'cpmr',
          ['editor'],
        )
      ).publishResource;
    };
    const [x, y] = [await resource('Buddy families'), await resource('Host families')];
    const retitle = (ref: Ref) => () =>
      writeDirectly(
        'library',
        'mutation ($input: UpdateResourceInput!) { updateResource(input: $input) { id } }',
        { input: { id: ref.id, version: ref.version, summary: 'Volunteers and families, revised.' } },
        'cpmr',
        ['editor'],
      );
    await evictsExactly(
      'query ($id: ID!) { resource(id: $id) { id title summary } }',
      { id: x.id },
      { id: y.id },
      retitle(y),
      retitle(x),
    );
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

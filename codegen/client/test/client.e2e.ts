import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, lexicographicSortSchema, printSchema, validate, type DocumentNode } from 'graphql';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
// the real hub (every subgraph and the gateway on fresh databases), as infra/local's own end-to-end tests start it
import { startTestHub, type TestHub } from '../../../infra/local/test/harness.js';
import * as hubClient from '../src/index.js';
import {
  createHubClient,
  CreateEventDocument,
  EmploymentDashboardDocument,
  EventChangedDocument,
  HubError,
  ObservationRecordedDocument,
  RecordObservationsDocument,
  type HubClient,
  type HubClientOptions,
} from '../src/index.js';
import { collect, waitFor } from './live.js';

let hub: TestHub;
let contributor: string;
const clients: HubClient[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  contributor = await hub.token('cpmr', ['contributor']);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  // the next test counts upstream subscriptions from zero
  await waitFor(() => listeners.events() === 0 && listeners.indicators() === 0, 'subscriptions to end');
});
afterAll(async () => hub?.stop());

/** A client of the test hub (graphql-ws through the `ws` package: Node 20 has no global WebSocket). */
function client(options: Partial<HubClientOptions> = {}): HubClient {
  const created = createHubClient({
    url: hub.url,
    webSocketImpl: WebSocket,
    retry: { initialDelayMs: 50, maxDelayMs: 500 },
    ...options,
  });
  clients.push(created);
  return created;
}

/** A token function that counts its calls and hands out `tokens` in turn (the last one from then on). */
function tokenSequence(tokens: Array<() => Promise<string>>) {
  const source = async () => tokens[Math.min(source.calls++, tokens.length - 1)]!();
  source.calls = 0;
  return source;
}

const observation = (region: string, value: number, period = 2021) => ({
  indicator: 'employment_rate_20_64',
  region,
  period,
  breakdown: 'FOREIGN_BORN' as const,
  value,
});

const listeners = {
  events: () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged'),
  indicators: () => hub.subgraphs.indicators!.bus.activeListeners('indicators.observationRecorded'),
};

async function createEvent(title: string, hostRegions: string[]) {
  const { createEvent } = await client({ token: contributor }).request(CreateEventDocument, {
    input: {
      idempotencyKey: randomUUID(),
      title,
      summary: 'Live update through @hub/client',
      kind: 'WEBINAR',
      startsAt: '2031-09-01T10:00:00.000Z',
      endsAt: '2031-09-01T11:00:00.000Z',
      timeZone: 'Europe/Brussels',
      format: 'ONLINE',
      onlineUrl: 'https://example.org/webinar',
      hostRegions,
      organisers: ['cpmr'],
      publish: true,
    },
  });
  return createEvent;
}

describe('requests', () => {
  it('runs the dashboard query and returns typed data', async () => {
    const data = await client().request(EmploymentDashboardDocument, { first: 3 });
    expectTypeOf(data.regions.edges[0]!.node.foreignBorn).toEqualTypeOf<{
      value: number | null;
      period: number;
    } | null>();
    expect(data.regions.totalCount).toBeGreaterThan(200);
    expect(data.regions.pageInfo.hasNextPage).toBe(true);
    expect(data.regions.edges).toHaveLength(3);
    for (const { node } of data.regions.edges) {
      expect(node.code).toMatch(/^[A-Z]{2}[0-9A-Z]{2}$/);
      expect(node.country?.code).toBe(node.code.slice(0, 2));
      expect(node.upcomingEvents.totalCount).toBeGreaterThanOrEqual(0);
    }
  });

  it('records a contribution with a signed-in token; without one it throws HubError UNAUTHENTICATED', async () => {
    const input = { idempotencyKey: randomUUID(), observations: [observation('AT13', 61.5)] };
    const { recordObservations } = await client({ token: contributor }).request(RecordObservationsDocument, {
      input,
    });
    expect(recordObservations.observations).toHaveLength(1);
    const [recorded] = recordObservations.observations;
    expect(recorded).toMatchObject({
      period: 2021,
      breakdown: 'FOREIGN_BORN',
      value: 61.5,
      version: 1,
      indicator: { code: 'employment_rate_20_64' },
      region: { code: 'AT13', name: 'Wien' },
      contributedBy: { id: 'cpmr' },
    });
    expect(new Date(recorded!.updatedAt).toISOString()).toBe(recorded!.updatedAt);

    const anonymous = client().request(RecordObservationsDocument, {
      input: { ...input, idempotencyKey: randomUUID() },
    });
    await expect(anonymous).rejects.toBeInstanceOf(HubError);
    await expect(anonymous).rejects.toMatchObject({ code: 'UNAUTHENTICATED', data: null });

    const forged = await hub.token('cpmr', ['contributor'], { secret: `forged-${'x'.repeat(40)}` });
    const refused = client({ token: forged }).request(RecordObservationsDocument, { input });
    await expect(refused).rejects.toMatchObject({ name: 'HubError', code: 'UNAUTHENTICATED', status: 401 });
  });

  it('carries the extensions of the error, e.g. the fields a BAD_USER_INPUT names', async () => {
    const error = await client({ token: contributor })
      .request(RecordObservationsDocument, {
        input: {
          idempotencyKey: randomUUID(),
          observations: [observation('AT13', 60, 2022), observation('AT13', 140, 2023)],
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('BAD_USER_INPUT');
    expect((error as HubError).errors[0]?.extensions?.fieldErrors).toEqual([
      { path: 'input.observations[1].value', messages: [expect.any(String)] },
    ]);
  });

  it('asks the token function again when the hub refuses a token, and sends the fresh one', async () => {
    const token = tokenSequence([
      () => hub.token('cpmr', ['contributor'], { secret: `rotated-${'y'.repeat(40)}` }),
      () => hub.token('cpmr', ['contributor']),
    ]);
    const { recordObservations } = await client({ token }).request(RecordObservationsDocument, {
      input: { idempotencyKey: randomUUID(), observations: [observation('AT12', 58.25)] },
    });
    expect(recordObservations.observations[0]?.value).toBe(58.25);
    expect(token.calls).toBe(2);
  });
});

describe('live subscriptions', () => {
  it('over graphql-ws: an event created by a mutation arrives typed', async () => {
    const before = listeners.events();
    const live = collect<hubClient.EventChangedSubscription>();
    client().subscribe(EventChangedDocument, { region: 'FRH' }, live.sink);
    await waitFor(() => listeners.events() === before + 1, 'the upstream subscription');

    const created = await createEvent('Webinar from Rennes', ['FRH03']);
    const { eventChanged } = await live.next();
    expectTypeOf(eventChanged.event.startsAt).toEqualTypeOf<string>();
    expect(eventChanged).toMatchObject({
      change: 'CREATED',
      event: {
        id: created.id,
        title: 'Webinar from Rennes',
        startsAt: '2031-09-01T10:00:00.000Z',
        hostRegions: [{ code: 'FRH03', name: 'Ille-et-Vilaine' }],
        organisers: [{ id: 'cpmr', acronym: 'CPMR' }],
      },
    });
    expect(live.error).toBeUndefined();
  });

  it('over Server-Sent Events: a contribution arrives typed, with only the matching observations', async () => {
    const before = listeners.indicators();
    const live = collect<hubClient.ObservationRecordedSubscription>();
    client({ token: contributor }).subscribeSse(
      ObservationRecordedDocument,
      { regions: ['PT'], indicators: ['employment_rate_20_64'] },
      live.sink,
    );
    await waitFor(() => listeners.indicators() === before + 1, 'the upstream subscription');

    await client({ token: contributor }).request(RecordObservationsDocument, {
      input: {
        idempotencyKey: randomUUID(),
        observations: [observation('PT1A', 66.5), observation('AT13', 60.5, 2019)],
      },
    });
    const { observationRecorded } = await live.next();
    expect(observationRecorded.observations).toEqual([
      expect.objectContaining({ value: 66.5, region: { code: 'PT1A', name: expect.any(String) } }),
    ]);
    expect(observationRecorded.observations[0]?.contributedBy).toEqual({
      id: 'cpmr',
      name: expect.any(String),
    });
  });

  it('over graphql-ws: reconnects after the connection dropped, asking the token function again', async () => {
    const sockets: WebSocket[] = [];
    class TrackedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const token = tokenSequence([() => hub.token('cpmr', ['contributor'])]);
    const before = listeners.events();
    const live = collect<hubClient.EventChangedSubscription>();
    client({ token, webSocketImpl: TrackedWebSocket }).subscribe(
      EventChangedDocument,
      { region: 'DE' },
      live.sink,
    );
    await waitFor(() => listeners.events() === before + 1, 'the upstream subscription');
    expect(token.calls).toBe(1);

    sockets[0]!.terminate(); // the network drops the connection (no close frame)
    await waitFor(() => sockets.length === 2 && listeners.events() === before + 1, 'the subscription again');
    expect(token.calls).toBe(2);
    await createEvent('Webinar from Berlin', ['DE30']);
    expect((await live.next()).eventChanged.event.title).toBe('Webinar from Berlin');
    expect(live.error).toBeUndefined();
  });

  it.each(['graphql-ws', 'Server-Sent Events'] as const)(
    'over %s: when the token expires, subscribes again with a fresh token from the token function',
    async (transport) => {
      // the gateway ends a socket or stream when its token expires (4401 / UNAUTHENTICATED)
      const token = tokenSequence([
        () => hub.token('cpmr', ['contributor'], { ttlSeconds: 2 }),
        () => hub.token('cpmr', ['contributor']),
      ]);
      const before = listeners.events();
      const live = collect<hubClient.EventChangedSubscription>();
      const subscriber = client({ token });
      const subscribe = transport === 'graphql-ws' ? subscriber.subscribe : subscriber.subscribeSse;
      subscribe(EventChangedDocument, { region: 'BE' }, live.sink);
      await waitFor(() => listeners.events() === before + 1, 'the upstream subscription');
      await waitFor(() => token.calls === 2, 'the token function to be asked again', 10_000);
      await waitFor(() => listeners.events() === before + 1, 'the subscription with the fresh token');
      await createEvent(`Webinar in Brussels over ${transport}`, ['BE10']);
      expect((await live.next()).eventChanged.event.title).toBe(`Webinar in Brussels over ${transport}`);
      expect(live.error).toBeUndefined();
      expect(live.completed).toBe(false);
    },
  );

  it('over Server-Sent Events: reconnects after the stream dropped, asking the token function again', async () => {
    const cut: Array<() => void> = [];
    // a fetch whose event streams the test can break, as a network failure would
    const breakableFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream'))
        return response;
      const breaker = new TransformStream<Uint8Array, Uint8Array>({
        start: (controller) =>
          void cut.push(() => controller.error(new TypeError('network connection lost'))),
      });
      return new Response(response.body.pipeThrough(breaker), {
        status: response.status,
        headers: response.headers,
      });
    };
    const token = tokenSequence([() => hub.token('cpmr', ['contributor'])]);
    const before = listeners.events();
    const live = collect<hubClient.EventChangedSubscription>();
    client({ token, fetch: breakableFetch }).subscribeSse(EventChangedDocument, { region: 'PT' }, live.sink);
    await waitFor(() => listeners.events() === before + 1, 'the upstream subscription');
    expect(token.calls).toBe(1);

    cut[0]!();
    await waitFor(() => cut.length === 2 && listeners.events() === before + 1, 'the stream again');
    expect(token.calls).toBe(2);
    await createEvent('Webinar from Lisboa', ['PT1A']);
    expect((await live.next()).eventChanged.event.title).toBe('Webinar from Lisboa');
  });
});

describe('the public SDL', () => {
  it('is served at /schema.graphql: the schema this client was generated from', async () => {
    const response = await fetch(new URL('/schema.graphql', hub.url));
    expect(response.status).toBe(200);
    const served = buildSchema(await response.text());
    const committed = buildSchema(
      readFileSync(fileURLToPath(new URL('../../../schema/api.graphql', import.meta.url)), 'utf8'),
    );
    expect(printSchema(lexicographicSortSchema(served))).toBe(
      printSchema(lexicographicSortSchema(committed)),
    );
    const documents = Object.entries(hubClient).filter(([name]) => name.endsWith('Document'));
    for (const [name, document] of documents) {
      expect({ name, errors: validate(served, document as DocumentNode).map((e) => e.message) }).toEqual({
        name,
        errors: [],
      });
    }
  });
});

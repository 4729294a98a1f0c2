import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsultation, okThrough, openConsultation } from './dialogue-fixtures';
import { createGatewayServer } from '@hub/gateway';
import { hubGatewayConfig } from '../src/hub';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 16's feeds through the real hub: every format is read back by a real parser (ical.js for iCalendar,
 * fast-xml-parser for Atom, Ajv with a JSON Feed 1.1 schema for JSON Feed) and compared with what the graph
 * itself answers for the same records.
 */

/** Written from https://jsonfeed.org/version/1.1: no JSON Feed 1.1 schema is published as a package. */
const JSON_FEED_SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'jsonfeed-1.1.schema.json'), 'utf8'),
) as object;
// strictRequired would refuse the spec's "content_html or content_text" (anyOf of required properties)
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validateJsonFeed = ajv.compile(JSON_FEED_SCHEMA);

const atomParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
});

let hub: TestHub;
/** The gateway's origin, e.g. http://127.0.0.1:40123. */
let origin: string;
beforeAll(async () => {
  hub = await startTestHub();
  origin = hub.url.replace(/\/graphql$/, '');
});
afterAll(async () => hub?.stop());

const EVENT_FIELDS = 'id version status updatedAt startsAt endsAt timeZone allDay title';
const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
const CANCEL_EVENT = `mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { ${EVENT_FIELDS} } }`;
const READ_EVENT = `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

interface GraphEvent {
  id: string;
  version: number;
  status: string;
  updatedAt: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  title: string;
}

async function createEvent(overrides: Record<string, unknown>): Promise<GraphEvent> {
  const token = await hub.token('cpmr', ['contributor']);
  const input = {
    idempotencyKey: randomUUID(),
    title: 'Feeds workshop on reception centres',
    summary: 'Regions compare how they run reception centres.',
    description: 'Bring **figures** of 2026.',
    kind: 'WORKSHOP',
    strand: 'CAPACITY_BUILDING',
    startsAt: '2027-09-01T08:00:00Z',
    endsAt: '2027-09-01T11:30:00Z',
    timeZone: 'Europe/Paris',
    format: 'IN_PERSON',
    venue: { name: 'Hôtel de Région', city: 'Orléans', isoCountryCode: 'FR' },
    hostRegions: ['FRB0'],
    organisers: ['cpmr'],
    publish: true,
    ...overrides,
  };
  return (await okThrough<{ createEvent: GraphEvent }>(hub, CREATE_EVENT, { input }, token)).createEvent;
}

async function get(feedPath: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${feedPath}`, { headers });
  return { response, text: await response.text() };
}

/** The VEVENTs of an iCalendar feed, its VTIMEZONEs registered so that times resolve to instants. */
async function calendar(feedPath: string) {
  const { response, text } = await get(feedPath);
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = root.getAllSubcomponents('vtimezone').map((zone) => {
    ICAL.TimezoneService.register(zone);
    return String(zone.getFirstPropertyValue('tzid'));
  });
  const events = root.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = vevent.getFirstProperty('dtstart')!;
    return {
      uid: event.uid,
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: String(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      location: event.location,
      url: String(vevent.getFirstPropertyValue('url') ?? ''),
      tzid: start.getParameter('tzid') as string | undefined,
      isDate: event.startDate.isDate,
      start: event.startDate,
      end: event.endDate,
      lastModified: (vevent.getFirstPropertyValue('last-modified') as ICAL.Time).toUnixTime(),
    };
  });
  return { zones, events, text };
}

interface AtomEntry {
  id: string;
  title: string | { '#text': string };
  updated: string;
  link: Array<{ '@href': string }>;
  category?: Array<{ '@term': string }>;
}

async function atom(feedPath: string) {
  const { response, text } = await get(feedPath);
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const document = atomParser.parse(text) as {
    feed: {
      '@xmlns': string;
      id: string;
      title: string;
      updated: string;
      author: Array<{ name: string }>;
      link: Array<{ '@rel': string; '@href': string }>;
      entry?: AtomEntry[];
    };
  };
  const feed = document.feed;
  // RFC 4287 §4.1.1: id, title and updated; an author for the feed (so for every entry); a self link
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed.id).toBeTruthy();
  expect(feed.title).toBeTruthy();
  expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
  expect(feed.author[0]?.name).toBeTruthy();
  expect(feed.link.find((link) => link['@rel'] === 'self')?.['@href']).toBe(`${origin}${feedPath}`);
  const entries = (feed.entry ?? []).map((entry) => ({
    ...entry,
    title: typeof entry.title === 'string' ? entry.title : entry.title['#text'],
  }));
  for (const entry of entries) {
    expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    expect(entry.link[0]?.['@href']).toMatch(/^https?:\/\//);
  }
  return { feed, entries, text };
}

interface JsonFeedItem {
  id: string;
  title: string;
  url: string;
  date_modified: string;
  _hub: Record<string, unknown>;
}

async function jsonFeed(feedPath: string) {
  const { response, text } = await get(feedPath);
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
  const document = JSON.parse(text) as { version: string; feed_url: string; items: JsonFeedItem[] };
  expect(validateJsonFeed(document), ajv.errorsText(validateJsonFeed.errors)).toBe(true);
  expect(document.feed_url).toBe(`${origin}${feedPath}`);
  return document;
}

const uidsOf = (events: Array<{ uid: string }>) => events.map((event) => event.uid);
const idsOf = (entries: Array<{ id: string }>) => entries.map((entry) => entry.id);
const urn = (id: string) => `urn:uuid:${id}`;

describe('event feeds', () => {
  let published: GraphEvent;
  let draft: GraphEvent;
  let allDay: GraphEvent;

  beforeAll(async () => {
    published = await createEvent({ title: 'Feeds workshop in Centre-Val de Loire' });
    draft = await createEvent({ title: 'Feeds draft that must stay hidden', publish: false });
    // Brussels, 10 and 11 March 2027 (CET, +01:00): midnight to the midnight after the last day
    allDay = await createEvent({
      title: 'Feeds conference in Brussels',
      kind: 'CONFERENCE',
      strand: 'DIALOGUE',
      allDay: true,
      startsAt: '2027-03-09T23:00:00Z',
      endsAt: '2027-03-11T23:00:00Z',
      timeZone: 'Europe/Brussels',
      format: 'ONLINE',
      venue: null,
      onlineUrl: 'https://example.org/feeds-conference',
      hostRegions: ['BE10'],
    });
    expect(draft.status).toBe('DRAFT');
  });

  it('puts a published event in iCalendar with its own time zone, then cancelled with a higher SEQUENCE', async () => {
    const before = await calendar('/feeds/events.ics?region=FR');
    const event = before.events.find((candidate) => candidate.uid === published.id);
    expect(event).toBeDefined();
    expect(event!.status).toBe('CONFIRMED');
    expect(event!.sequence).toBe(published.version);
    expect(event!.summary).toBe(published.title);
    expect(event!.location).toBe('Hôtel de Région, Orléans, FR');
    expect(event!.url).toBe(`${origin}/regions/FRB0`);
    // the times are written in Europe/Paris and its VTIMEZONE resolves them to the graph's instants
    expect(event!.tzid).toBe('Europe/Paris');
    expect(before.zones).toContain('Europe/Paris');
    expect(event!.start.toUnixTime() * 1000).toBe(Date.parse(published.startsAt));
    expect(event!.end.toUnixTime() * 1000).toBe(Date.parse(published.endsAt));
    expect(event!.lastModified * 1000).toBe(Math.floor(Date.parse(published.updatedAt) / 1000) * 1000);
    // FR includes FRB0's events, and nothing outside France
    expect(uidsOf(before.events)).not.toContain(allDay.id);

    const token = await hub.token('cpmr', ['contributor']);
    const { cancelEvent } = await okThrough<{ cancelEvent: GraphEvent }>(
      hub,
      CANCEL_EVENT,
      { input: { id: published.id, version: published.version, reason: 'The venue is closed.' } },
      token,
    );
    expect(cancelEvent.status).toBe('CANCELLED');
    const after = await calendar('/feeds/events.ics?region=FR');
    const cancelled = after.events.find((candidate) => candidate.uid === published.id);
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled!.sequence).toBeGreaterThan(event!.sequence);
    expect(cancelled!.sequence).toBe(cancelEvent.version);

    const entry = (await atom('/feeds/events.atom?region=FR')).entries.find(
      (candidate) => candidate.id === urn(published.id),
    );
    expect(entry?.title).toMatch(/^Cancelled: /);
    expect(entry!.updated).toBe(cancelEvent.updatedAt);
    const item = (await jsonFeed('/feeds/events.json?region=FR')).items.find(
      (candidate) => candidate.id === urn(published.id),
    );
    expect(item?._hub.status).toBe('CANCELLED');
    expect(item!.title).toMatch(/^Cancelled: /);
    expect(item!.date_modified).toBe(cancelEvent.updatedAt);
    published = cancelEvent;
  });

  it('writes an all-day event as dates in its time zone', async () => {
    const { events, zones } = await calendar('/feeds/events.ics?region=BE');
    const event = events.find((candidate) => candidate.uid === allDay.id);
    expect(event?.isDate).toBe(true);
    expect(event!.start.toString()).toBe('2027-03-10');
    // DTEND of an all-day event is the day after the last one (RFC 5545 §3.6.1)
    expect(event!.end.toString()).toBe('2027-03-12');
    expect(event!.location).toBe('https://example.org/feeds-conference');
    expect(zones).toContain('Europe/Brussels');
    // BE excludes France's events
    expect(uidsOf(events)).not.toContain(published.id);
  });

  it('never shows a draft, in any format or filter', async () => {
    const token = await hub.token('cpmr', ['contributor']);
    // the graph shows the draft to its organisation: the feeds must not, whatever the request carries
    const { body } = await hub.query<{ event: GraphEvent | null }, { id: string }>(
      READ_EVENT,
      { id: draft.id },
      token,
    );
    expect(body.data?.event?.status).toBe('DRAFT');
    for (const query of ['', '?region=FR', '?organisation=cpmr', '?kind=WORKSHOP']) {
      const ics = await fetch(`${origin}/feeds/events.ics${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await ics.text()).not.toContain(draft.id);
      expect(idsOf((await atom(`/feeds/events.atom${query}`)).entries)).not.toContain(urn(draft.id));
      expect(idsOf((await jsonFeed(`/feeds/events.json${query}`)).items)).not.toContain(urn(draft.id));
    }
  });

  it('filters by region (with its sub-regions), organisation, kind and strand', async () => {
    const entries = async (query: string) => idsOf((await jsonFeed(`/feeds/events.json${query}`)).items);
    expect(await entries('?region=FRB0')).toContain(urn(published.id));
    expect(await entries('?region=FRB')).toContain(urn(published.id));
    expect(await entries('?region=FRB0')).not.toContain(urn(allDay.id));
    expect(await entries('?region=BE')).toEqual(expect.arrayContaining([urn(allDay.id)]));
    expect(await entries('?organisation=cpmr')).toEqual(
      expect.arrayContaining([urn(published.id), urn(allDay.id)]),
    );
    expect(await entries('?organisation=eurocities')).not.toContain(urn(published.id));
    const conferences = await entries('?kind=CONFERENCE');
    expect(conferences).toContain(urn(allDay.id));
    expect(conferences).not.toContain(urn(published.id));
    const either = await entries('?kind=CONFERENCE,WORKSHOP&strand=DIALOGUE');
    expect(either).toContain(urn(allDay.id));
    expect(either).not.toContain(urn(published.id));
  });

  it('answers 400 with a short message for a bad parameter', async () => {
    for (const [query, message] of [
      ['?kind=PICNIC', /Unknown kind "PICNIC": one of .*WORKSHOP/],
      ['?strand=FUN', /Unknown strand "FUN"/],
      ['?region=france', /Invalid region "france"/],
      ['?regoin=FR', /Unknown parameter "regoin"/],
      ['?region=FR&region=BE', /Give "region" once/],
    ] as const) {
      for (const format of ['atom', 'json', 'ics']) {
        const { response, text } = await get(`/feeds/events.${format}${query}`);
        expect(response.status, `${format}${query}`).toBe(400);
        expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(text).toMatch(message);
        expect(text.length).toBeLessThan(400);
      }
    }
  });

  it('answers a second GET with the ETag (or Last-Modified) with 304, and a changed feed with 200', async () => {
    const first = await get('/feeds/events.atom?region=FR');
    const etag = first.response.headers.get('etag')!;
    const lastModified = first.response.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(lastModified).getTime()).toBe(Math.floor(Date.parse(published.updatedAt) / 1000) * 1000);
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(first.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.response.headers.get('access-control-expose-headers')).toBe('ETag, Last-Modified');

    const again = await get('/feeds/events.atom?region=FR', { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.response.headers.get('etag')).toBe(etag);
    const since = await get('/feeds/events.atom?region=FR', { 'if-modified-since': lastModified });
    expect(since.response.status).toBe(304);

    // HTTP dates have a one-second resolution: a change within the second of Last-Modified is invisible to
    // If-Modified-Since (not to the ETag), so the newer event is made in a later second
    const nextSecond = new Date(lastModified).getTime() + 1000 - Date.now();
    if (nextSecond > 0) await new Promise((resolve) => setTimeout(resolve, nextSecond));
    const newer = await createEvent({ title: 'Feeds workshop added later' });
    const changed = await get('/feeds/events.atom?region=FR', { 'if-none-match': etag });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get('etag')).not.toBe(etag);
    expect(changed.text).toContain(urn(newer.id));
    const stale = await get('/feeds/events.atom?region=FR', { 'if-modified-since': lastModified });
    expect(stale.response.status).toBe(200);
  });
});

describe('library and consultation feeds', () => {
  it('lists published resources of a region (with sub-regions) and never a draft', async () => {
    const editor = await hub.token('cpmr', ['contributor', 'editor']);
    const resource = (title: string) => ({
      idempotencyKey: randomUUID(),
      kind: 'GOOD_PRACTICE',
      language: 'en',
      title,
      summary: 'A one-stop shop where newly arrived refugees find housing and language courses.',
      body: 'Run with **local sponsors**.',
      publishedOn: '2025-04-10',
      territories: ['EL52'],
      policyAreas: ['HOUSING'],
      link: 'https://example.org/welcome-desk',
    });
    const create = `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id version updatedAt } }`;
    const publish = `mutation ($input: PublishResourceInput!) { publishResource(input: $input) { id version updatedAt } }`;
    type Ref = { id: string; version: number; updatedAt: string };
    const { createResource: shown } = await okThrough<{ createResource: Ref }>(
      hub,
      create,
      { input: resource('Feeds welcome desk in Thessaloniki') },
      editor,
    );
    const { publishResource } = await okThrough<{ publishResource: Ref }>(
      hub,
      publish,
      { input: { id: shown.id, version: shown.version } },
      editor,
    );
    const { createResource: hidden } = await okThrough<{ createResource: Ref }>(
      hub,
      create,
      { input: resource('Feeds draft resource') },
      editor,
    );

    const { entries } = await atom('/feeds/library.atom?region=EL5');
    const entry = entries.find((candidate) => candidate.id === urn(shown.id));
    expect(entry?.title).toBe('Feeds welcome desk in Thessaloniki');
    expect(entry!.updated).toBe(publishResource.updatedAt);
    expect(entry!.link[0]?.['@href']).toBe('https://example.org/welcome-desk');
    expect(idsOf(entries)).not.toContain(urn(hidden.id));
    const json = await jsonFeed('/feeds/library.json?region=EL&kind=GOOD_PRACTICE&language=en');
    expect(idsOf(json.items)).toContain(urn(shown.id));
    expect(idsOf(json.items)).not.toContain(urn(hidden.id));
    expect(idsOf((await jsonFeed('/feeds/library.json?region=FR')).items)).not.toContain(urn(shown.id));
    expect((await get('/feeds/library.json?kind=NOVEL')).response.status).toBe(400);
  });

  it('lists consultations an anonymous caller sees, never a draft', async () => {
    const open = await openConsultation(hub, { title: 'Feeds consultation on housing', regions: ['EL41'] });
    const draft = await createConsultation(hub, { title: 'Feeds draft consultation', regions: ['EL41'] });
    const { consultation } = await okThrough<{ consultation: { updatedAt: string } }>(
      hub,
      'query ($id: ID!) { consultation(id: $id) { updatedAt } }',
      { id: open.id },
    );
    const { entries } = await atom('/feeds/consultations.atom?region=EL4');
    const entry = entries.find((candidate) => candidate.id === urn(open.id));
    expect(entry?.title).toBe('Feeds consultation on housing');
    expect(entry!.updated).toBe(consultation.updatedAt);
    expect(entry!.link[0]?.['@href']).toBe(`${origin}/regions/EL41`);
    expect(idsOf(entries)).not.toContain(urn(draft.id));
    const json = await jsonFeed('/feeds/consultations.json?status=OPEN&organisation=cor');
    expect(idsOf(json.items)).toContain(urn(open.id));
    expect(idsOf(json.items)).not.toContain(urn(draft.id));
    expect(idsOf((await jsonFeed('/feeds/consultations.json?region=FR')).items)).not.toContain(urn(open.id));
    expect((await get('/feeds/consultations.json?status=DRAFT')).response.status).toBe(400);
  });
});

describe('feeds behind a configured public address (PUBLIC_URL)', () => {
  // feeds are kept by shared caches: their links must not follow whatever Host a client sends
  it('link to the public address, whatever Host the request names', async () => {
    const gateway = await createGatewayServer(
      hubGatewayConfig(hub.subgraphs, hub.secrets, {
        logLevel: 'warn',
        publicUrl: 'https://hub.example.org',
      }),
    );
    try {
      const base = gateway.url.replace(/\/graphql$/, '');
      const response = await fetch(`${base}/feeds/events.atom?region=FR`, {
        headers: { 'x-forwarded-host': 'attacker.example', host: 'attacker.example' },
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const feed = (atomParser.parse(text) as { feed: { link: Array<{ '@rel': string; '@href': string }> } })
        .feed;
      expect(feed.link.find((link) => link['@rel'] === 'self')?.['@href']).toBe(
        'https://hub.example.org/feeds/events.atom?region=FR',
      );
      expect(text).not.toContain('attacker.example');
    } finally {
      await gateway.stop();
    }
  });
});

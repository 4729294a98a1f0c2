import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { eventsWindowStart } from '../src/feeds';
import { isNotModified, strongEtag } from '../src/feeds/http';
import type { FeedEvent } from '../src/feeds/operations';
import { enumValuesOf, feedFilter, FeedParameterError } from '../src/feeds/params';
import { eventsCalendar, feedMeta } from '../src/feeds/render';

/** The feeds accept exactly the enum values of the committed supergraph. */
const ENUMS = enumValuesOf(
  readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
);

describe('feed query parameters', () => {
  it('turns parameters into the filter the graph takes', () => {
    expect(
      feedFilter(
        'events',
        { region: 'FRH0', organisation: 'cpmr', kind: ['WORKSHOP', 'TRAINING,WORKSHOP'], strand: 'DIALOGUE' },
        ENUMS,
      ),
    ).toEqual({
      region: 'FRH0',
      organisation: 'cpmr',
      kinds: ['WORKSHOP', 'TRAINING'],
      strands: ['DIALOGUE'],
    });
    expect(feedFilter('library', { organisation: 'cor', language: 'fr' }, ENUMS)).toEqual({
      publisher: 'cor',
      languages: ['fr'],
    });
  });

  it.each([
    ['events', { kind: 'PICNIC' }, /Unknown kind "PICNIC": one of POLITICAL_ROUNDTABLE, /],
    ['events', { kind: '' }, /Unknown kind ""/],
    ['events', { region: 'fr' }, /Invalid region "fr"/],
    ['events', { region: ['FR', 'BE'] }, /Give "region" once/],
    ['events', { language: 'fr' }, /Unknown parameter "language": this feed takes region, organisation/],
    ['consultations', { status: 'DRAFT' }, /Unknown status "DRAFT": one of OPEN, CLOSED, RESULTS_PUBLISHED/],
    ['library', { organisation: 'CPMR' }, /Invalid organisation "CPMR"/],
  ] as const)('refuses %s %j', (feed, query, message) => {
    expect(() => feedFilter(feed, query, ENUMS)).toThrow(FeedParameterError);
    expect(() => feedFilter(feed, query, ENUMS)).toThrow(message);
  });
});

describe('conditional GET of a feed', () => {
  const etag = strongEtag('<feed/>');
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request;
  const updated = new Date('2026-11-02T10:15:30.250Z');

  it('matches If-None-Match lists, weak tags and *, and prefers it over If-Modified-Since', () => {
    expect(isNotModified(request({ 'if-none-match': etag }), etag, updated)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': `"other", W/${etag}` }), etag, updated)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '*' }), etag, updated)).toBe(true);
    expect(
      isNotModified(
        request({ 'if-none-match': '"other"', 'if-modified-since': updated.toUTCString() }),
        etag,
        updated,
      ),
    ).toBe(false);
  });

  it('compares If-Modified-Since at the resolution of HTTP dates', () => {
    // the header has no milliseconds: a feed updated at .250 of that second is not newer
    expect(isNotModified(request({ 'if-modified-since': updated.toUTCString() }), etag, updated)).toBe(true);
    const earlier = new Date(updated.getTime() - 1000).toUTCString();
    expect(isNotModified(request({ 'if-modified-since': earlier }), etag, updated)).toBe(false);
    expect(isNotModified(request({ 'if-modified-since': 'yesterday' }), etag, updated)).toBe(false);
    expect(isNotModified(request({ 'if-modified-since': updated.toUTCString() }), etag, null)).toBe(false);
  });
});

describe('the events window', () => {
  it('starts at midnight UTC twelve months before today', () => {
    expect(eventsWindowStart(new Date('2026-12-04T23:10:00Z')).toISOString()).toBe(
      '2025-12-04T00:00:00.000Z',
    );
    expect(eventsWindowStart(new Date('2026-03-31T08:00:00Z')).toISOString()).toBe(
      '2025-03-31T00:00:00.000Z',
    );
  });
});

describe('iCalendar time zones', () => {
  const event = (id: string, timeZone: string): FeedEvent => ({
    id,
    title: `Event in ${timeZone}`,
    summary: 'A summary.',
    descriptionHtml: '',
    kind: 'WEBINAR',
    startsAt: '2027-01-15T09:00:00.000Z',
    endsAt: '2027-01-15T10:00:00.000Z',
    timeZone,
    allDay: false,
    onlineUrl: 'https://example.org/webinar',
    status: 'PUBLISHED',
    languages: [],
    version: 3,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    hostRegions: [],
    organisers: [],
  });
  const render = (events: FeedEvent[]) =>
    eventsCalendar(
      { hub: 'https://hub.example', self: 'https://hub.example/feeds/events.ics', formats: {} },
      feedMeta('Events', 'Test', []),
      events,
    );

  it('declares a VTIMEZONE for every TZID an event names, once each', () => {
    const text = render([
      event('a', 'Europe/Athens'),
      event('b', 'Europe/Athens'),
      event('c', 'Europe/Kiev'),
    ]);
    const declared = [...text.matchAll(/^TZID:(.+)\r$/gm)].map((match) => match[1]);
    const used = new Set([...text.matchAll(/;TZID=([^:;]+)[:;]/g)].map((match) => match[1]));
    expect(new Set(declared).size).toBe(declared.length);
    expect([...used].sort()).toEqual([...declared].sort());
    // 09:00 UTC is 11:00 in Athens (EET, +02:00) in January
    expect(text).toContain('DTSTART;TZID=Europe/Athens:20270115T110000');
  });

  it('writes UTC and unknown zones in UTC, without a VTIMEZONE', () => {
    const text = render([event('a', 'UTC'), event('b', 'Mars/Olympus_Mons')]);
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    expect(text.match(/DTSTART:20270115T090000Z/g)).toHaveLength(2);
  });
});

import { TZDate } from '@date-fns/tz';
import { Feed, type Author, type Category, type Item } from 'feed';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import type { FeedConsultation, FeedEvent, FeedOrganisation, FeedRegion, FeedResource } from './operations';

/** Who the feeds are from (Atom requires an author for every entry; the hub is the feed's). */
export const HUB_NAME = 'Integration Partnership Hub';

/** The JSON Feed version the feeds follow (https://jsonfeed.org/version/1.1). */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** What one rendering needs about the request: where the hub is and where this feed was asked for. */
export interface FeedContext {
  /** The hub's base URL, e.g. `https://hub.example` (no trailing slash). */
  hub: string;
  /** The URL of this feed as requested, with its query (the Atom `self` link and the feed id). */
  self: string;
  /** The same feed in the other formats, for `alternate` links (`atom`, `json`, `ics`). */
  formats: Partial<Record<'atom' | 'json' | 'ics', string>>;
  /** The region the request filtered on, if any: the feed's home page is then that region's profile. */
  region?: string;
}

/** One entry in format-neutral terms; Atom and JSON Feed are rendered from the same list. */
export interface FeedEntry {
  id: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitised HTML from the graph (`descriptionHtml`, `bodyHtml`); empty when there is none. */
  contentHtml: string;
  link: string;
  /** A page elsewhere (the source's, a registration or download link), when the record has one. */
  externalUrl?: string;
  updated: Date;
  published?: Date;
  authors: Array<{ name: string; url?: string }>;
  tags: Array<{ term: string; label?: string; scheme?: string }>;
  language?: string;
  /** Facts of the record a JSON Feed reader may use (`_hub` extension object). */
  extension: Record<string, unknown>;
}

/** What a rendered list says about itself. */
export interface FeedMeta {
  title: string;
  description: string;
  /** The newest `updatedAt` of the entries (Atom's feed `updated`, HTTP `Last-Modified`); null when empty. */
  updated: Date | null;
}

/** An http(s) URL as given, or undefined (a feed library refuses what `URL` cannot parse). */
export function webUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text for an Atom text construct of type "html" (the `feed` library declares every text as html). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A region's profile page on the hub (`GET /regions/{code}`). */
export function regionPage(hub: string, code: string): string {
  return `${hub}/regions/${encodeURIComponent(code)}`;
}

function homePage(context: FeedContext): string {
  return context.region ? regionPage(context.hub, context.region) : `${context.hub}/`;
}

function latest(dates: Date[]): Date | null {
  return dates.reduce<Date | null>((max, date) => (max === null || date > max ? date : max), null);
}

function author(organisation: FeedOrganisation): { name: string; url?: string } {
  const url = webUrl(organisation.websiteUrl);
  return { name: organisation.name, ...(url ? { url } : {}) };
}

function regionTags(hub: string, regions: FeedRegion[]) {
  return regions.map((region) => ({
    term: region.code,
    label: region.name,
    scheme: `${hub}/regions/`,
  }));
}

/** The link of an entry: the profile of the first region it concerns, else `fallback`, else the hub. */
function entryLink(hub: string, regions: FeedRegion[], fallback?: string): string {
  const first = regions[0];
  if (first) return regionPage(hub, first.code);
  return fallback ?? `${hub}/`;
}

// ---------------------------------------------------------------------------------------------------------
// Events

/** Whether `Intl` knows the zone (the events subgraph checks it; a feed must not fail on one it missed). */
function knownToIntl(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "Tue 10 Mar 2026, 09:00 – 11:00 CET" in the event's own time zone; dates only for all-day events. */
export function eventWhen(event: FeedEvent): string {
  const start = new Date(event.startsAt);
  // an all-day event ends at the midnight after its last day: show that last day
  const end = new Date(new Date(event.endsAt).getTime() - (event.allDay ? 1 : 0));
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: knownToIntl(event.timeZone) ? event.timeZone : 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(event.allDay ? {} : { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  });
  return format.formatRange(start, end);
}

/** Venue as one line, else the online link; null when the event states neither. */
export function eventLocation(event: FeedEvent): string | null {
  const venue = event.venue;
  const place = [venue?.name, venue?.address, venue?.city, venue?.isoCountryCode]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ');
  return place || webUrl(event.onlineUrl) || null;
}

function eventTitle(event: FeedEvent): string {
  return event.status === 'CANCELLED' ? `Cancelled: ${event.title}` : event.title;
}

function eventSummary(event: FeedEvent): string {
  const location = eventLocation(event);
  return [
    event.status === 'CANCELLED'
      ? `CANCELLED${event.cancellationReason ? ` (${event.cancellationReason})` : ''}.`
      : null,
    `${eventWhen(event)}${location ? ` · ${location}` : ''}.`,
    event.summary,
  ]
    .filter(Boolean)
    .join(' ');
}

export function eventEntries(context: FeedContext, events: FeedEvent[]): FeedEntry[] {
  return events.map((event) => {
    const externalUrl = webUrl(event.sourceUrl) ?? webUrl(event.registrationUrl);
    return {
      id: `urn:uuid:${event.id}`,
      title: eventTitle(event),
      summary: eventSummary(event),
      contentHtml: event.descriptionHtml,
      link: entryLink(context.hub, event.hostRegions, externalUrl),
      ...(externalUrl ? { externalUrl } : {}),
      updated: new Date(event.updatedAt),
      published: new Date(event.createdAt),
      authors: event.organisers.map(author),
      tags: [
        { term: event.kind },
        ...(event.strand ? [{ term: event.strand }] : []),
        ...regionTags(context.hub, event.hostRegions),
      ],
      ...(event.languages.length === 1 ? { language: event.languages[0] } : {}),
      extension: {
        status: event.status,
        starts_at: event.startsAt,
        ends_at: event.endsAt,
        time_zone: event.timeZone,
        all_day: event.allDay,
        version: event.version,
        ...(event.cancellationReason ? { cancellation_reason: event.cancellationReason } : {}),
        ...(webUrl(event.onlineUrl) ? { online_url: webUrl(event.onlineUrl) } : {}),
        ...(webUrl(event.registrationUrl) ? { registration_url: webUrl(event.registrationUrl) } : {}),
        host_regions: event.hostRegions.map((region) => region.code),
      },
    };
  });
}

/** IANA names the VTIMEZONE library knows (read once). */
let knownTimeZones: Set<string> | undefined;

/**
 * The VTIMEZONE block of an IANA zone and the TZID it declares (the library answers a link such as
 * "Europe/Kiev" with its canonical zone's block, so events must name that TZID); null for UTC and unknown zones,
 * whose times are then written in UTC.
 */
function vtimezone(name: string): { tzid: string; block: string } | null {
  knownTimeZones ??= new Set(tzlib_get_timezones());
  if (!knownTimeZones.has(name)) return null;
  const answer = tzlib_get_ical_block(name);
  if (!Array.isArray(answer)) return null;
  const [block, tzidParameter] = answer;
  const tzid = tzidParameter?.replace(/^TZID=/, '');
  if (!block || !tzid || tzid === 'Etc/UTC') return null;
  return { tzid, block };
}

/** The events as an iCalendar (RFC 5545) calendar: one VEVENT each, a VTIMEZONE for each zone they use. */
export function eventsCalendar(context: FeedContext, meta: FeedMeta, events: FeedEvent[]): string {
  const blocks = new Map<string, string>();
  const calendar = new ICalCalendar({
    name: meta.title,
    description: meta.description,
    prodId: { company: HUB_NAME, product: 'Events feed', language: 'EN' },
    url: context.self,
    // a hint to calendar apps that subscribe: the feed changes when events do, not by the minute
    ttl: 60 * 60,
    timezone: { name: null, generator: (tzid) => blocks.get(tzid) ?? null },
  });
  for (const event of events) {
    const zone = vtimezone(event.timeZone);
    if (zone) blocks.set(zone.tzid, zone.block);
    // wall-clock times in the zone; a plain Date is written in UTC (with Z)
    const at = (instant: string) => (zone ? new TZDate(instant, zone.tzid) : new Date(instant));
    const location = eventLocation(event);
    const url =
      webUrl(event.sourceUrl) ?? webUrl(event.registrationUrl) ?? entryLink(context.hub, event.hostRegions);
    calendar.createEvent({
      id: event.id,
      sequence: event.version,
      start: at(event.startsAt),
      end: at(event.endsAt),
      timezone: zone?.tzid ?? null,
      allDay: event.allDay,
      summary: eventTitle(event),
      description: eventSummary(event),
      ...(location ? { location } : {}),
      url,
      status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: new Date(event.updatedAt),
      lastModified: new Date(event.updatedAt),
      created: new Date(event.createdAt),
      categories: [{ name: event.kind }, ...(event.strand ? [{ name: event.strand }] : [])],
    });
  }
  return calendar.toString();
}

// ---------------------------------------------------------------------------------------------------------
// Library resources and consultations

export function resourceEntries(context: FeedContext, resources: FeedResource[]): FeedEntry[] {
  return resources.map((resource) => {
    const externalUrl = webUrl(resource.link);
    return {
      id: `urn:uuid:${resource.id}`,
      title: resource.title,
      summary: resource.summary,
      contentHtml: resource.bodyHtml,
      link: externalUrl ?? entryLink(context.hub, resource.territories),
      ...(externalUrl ? { externalUrl } : {}),
      updated: new Date(resource.updatedAt),
      published: new Date(resource.publishedAt ?? resource.createdAt),
      authors:
        resource.authors.length > 0
          ? resource.authors.map((name) => ({ name }))
          : [author(resource.publisher)],
      tags: [
        { term: resource.kind },
        ...(resource.strand ? [{ term: resource.strand }] : []),
        ...regionTags(context.hub, resource.territories),
      ],
      language: resource.language,
      extension: {
        kind: resource.kind,
        published_on: resource.publishedOn,
        publisher: resource.publisher.name,
        ...(resource.licence ? { licence: resource.licence } : {}),
        territories: resource.territories.map((region) => region.code),
      },
    };
  });
}

const STATUS_LABELS: Record<string, string> = {
  OPEN: 'Open',
  CLOSED: 'Closed',
  RESULTS_PUBLISHED: 'Results published',
};

/** "14 Jan 2027, 09:00 UTC": consultations state instants, not a time zone of their own. */
function utc(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

export function consultationEntries(context: FeedContext, consultations: FeedConsultation[]): FeedEntry[] {
  return consultations.map((consultation) => ({
    id: `urn:uuid:${consultation.id}`,
    title: consultation.title,
    summary: `${STATUS_LABELS[consultation.status] ?? consultation.status}: responses from ${utc(consultation.opensAt)} until ${utc(consultation.closesAt)}. ${consultation.summary}`,
    contentHtml: consultation.descriptionHtml,
    link: entryLink(context.hub, consultation.regions),
    ...(consultation.status === 'RESULTS_PUBLISHED'
      ? { externalUrl: `${context.hub}/exports/consultations/${consultation.id}/results.csv` }
      : {}),
    updated: new Date(consultation.updatedAt),
    published: new Date(consultation.openedAt ?? consultation.createdAt),
    authors: [author(consultation.organiser)],
    tags: [
      { term: consultation.status },
      ...(consultation.strand ? [{ term: consultation.strand }] : []),
      ...regionTags(context.hub, consultation.regions),
    ],
    ...(consultation.languages.length === 1 ? { language: consultation.languages[0] } : {}),
    extension: {
      status: consultation.status,
      opens_at: consultation.opensAt,
      closes_at: consultation.closesAt,
      needs_assessment: consultation.needsAssessment,
      regions: consultation.regions.map((region) => region.code),
    },
  }));
}

export function feedMeta(title: string, description: string, entries: FeedEntry[]): FeedMeta {
  return { title, description, updated: latest(entries.map((entry) => entry.updated)) };
}

// ---------------------------------------------------------------------------------------------------------
// Atom and JSON Feed

/** Atom 1.0 (RFC 4287) through the `feed` library; text is escaped for its "html" text constructs. */
export function atomFeed(context: FeedContext, meta: FeedMeta, entries: FeedEntry[]): string {
  const feed = new Feed({
    id: context.self,
    title: meta.title,
    description: meta.description,
    link: homePage(context),
    feedLinks: { atom: context.self },
    // an empty feed has no version time of its own: the epoch keeps its body (and ETag) stable
    updated: meta.updated ?? new Date(0),
    generator: HUB_NAME,
    author: { name: HUB_NAME, link: `${context.hub}/` },
  });
  for (const entry of entries) {
    const item: Item = {
      id: entry.id,
      title: escapeHtml(entry.title),
      link: entry.link,
      date: entry.updated,
      description: escapeHtml(entry.summary),
      ...(entry.contentHtml ? { content: entry.contentHtml } : {}),
      ...(entry.published ? { published: entry.published } : {}),
      author: entry.authors.map((person): Author => ({
        name: person.name,
        ...(person.url ? { link: person.url } : {}),
      })),
      category: entry.tags.map((tag): Category => ({
        term: tag.term,
        ...(tag.label ? { name: tag.label } : {}),
        ...(tag.scheme ? { scheme: tag.scheme } : {}),
      })),
    };
    feed.addItem(item);
  }
  return feed.atom1();
}

/** A JSON Feed 1.1 author. */
interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** The fields of JSON Feed 1.1 (https://jsonfeed.org/version/1.1) the hub's feeds use. */
interface JsonFeedItem {
  id: string;
  url: string;
  external_url?: string;
  title: string;
  summary: string;
  content_html?: string;
  content_text?: string;
  date_published?: string;
  date_modified: string;
  authors: JsonFeedAuthor[];
  tags: string[];
  language?: string;
  _hub: Record<string, unknown>;
}

interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

/**
 * JSON Feed 1.1. The `feed` library writes version 1 (a single `author`), so the document is built here as a
 * typed object and serialised by `JSON.stringify`; record facts go in the `_hub` extension object the spec
 * allows.
 */
export function jsonFeed(context: FeedContext, meta: FeedMeta, entries: FeedEntry[]): string {
  const document: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: meta.title,
    home_page_url: homePage(context),
    feed_url: context.formats.json ?? context.self,
    description: meta.description,
    authors: [{ name: HUB_NAME, url: `${context.hub}/` }],
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.link,
      ...(entry.externalUrl && entry.externalUrl !== entry.link ? { external_url: entry.externalUrl } : {}),
      title: entry.title,
      summary: entry.summary,
      ...(entry.contentHtml ? { content_html: entry.contentHtml } : { content_text: entry.summary }),
      ...(entry.published ? { date_published: entry.published.toISOString() } : {}),
      date_modified: entry.updated.toISOString(),
      authors: entry.authors,
      tags: entry.tags.map((tag) => tag.term),
      ...(entry.language ? { language: entry.language } : {}),
      _hub: entry.extension,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

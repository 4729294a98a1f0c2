import {
  badUserInput,
  NUTS_CODE_PATTERN,
  ORGANISATION_ID_PATTERN,
  type PolicyArea,
  type Strand,
} from '@hub/kit';
import { EventFormat, type EventKind } from '../entities/enums';
import type { Event } from '../entities/event.entity';
import { canonicalTimeZone, isLocalMidnight } from '../time-zones';
import type { CreateEventInput, EventPatch, VenueInput } from './inputs/event.inputs';

/** Everything a partner may set on an event, validated and normalised (venue flattened as stored). */
export interface EventFields {
  title: string;
  summary: string;
  description: string;
  kind: EventKind;
  strand: Strand | null;
  policyAreas: PolicyArea[];
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  allDay: boolean;
  format: EventFormat | null;
  venueName: string | null;
  venueAddress: string | null;
  venueCity: string | null;
  venueCountry: string | null;
  onlineUrl: string | null;
  hostRegions: string[];
  organisers: string[];
  languages: string[];
  registrationUrl: string | null;
  capacity: number | null;
  sourceUrl: string | null;
}

export const LIMITS = {
  title: [3, 200],
  summary: 500,
  description: 20_000,
  hostRegions: 50,
  organisers: 20,
  languages: 24,
  url: 2_000,
  capacity: 1_000_000,
  cancellationReason: [3, 500],
} as const;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Validates one field; `path` names it in errors (`input.title`, `patch.venue.city`). */
type Check<T> = (value: T, path: string) => T;

export function text(min: number, max: number): Check<string> {
  return (value, path) => {
    const trimmed = value.trim();
    if (trimmed.length < min || trimmed.length > max) {
      throw badUserInput(`"${path}" must be ${min}-${max} characters long (got ${trimmed.length}).`, path);
    }
    return trimmed;
  };
}

const description: Check<string> = (value, path) => {
  if (value.length > LIMITS.description) {
    throw badUserInput(`"${path}" must be at most ${LIMITS.description} characters long.`, path);
  }
  return value;
};

const webUrl: Check<string> = (value, path) => {
  const trimmed = value.trim();
  let url: URL | null = null;
  try {
    url = new URL(trimmed);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || trimmed.length > LIMITS.url) {
    throw badUserInput(`"${path}" must be an http or https URL of at most ${LIMITS.url} characters.`, path);
  }
  return trimmed;
};

const timeZone: Check<string> = (value, path) => {
  const zone = canonicalTimeZone(value.trim());
  if (!zone)
    throw badUserInput(`"${path}": "${value}" is not an IANA time zone such as "Europe/Brussels".`, path);
  return zone;
};

const instant: Check<Date> = (value, path) => {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badUserInput(`"${path}" is not a date-time.`, path);
  }
  return value;
};

const capacity: Check<number> = (value, path) => {
  if (!Number.isInteger(value) || value < 1 || value > LIMITS.capacity) {
    throw badUserInput(`"${path}" must be a whole number from 1 to ${LIMITS.capacity}.`, path);
  }
  return value;
};

/** De-duplicated codes, each normalised and checked; the list needs 1 to `max` entries. */
function codes(
  normalise: (code: string) => string,
  pattern: RegExp,
  what: string,
  max: number,
): Check<string[]> {
  return (values, path) => {
    // Sorted, as lists return them, so a reordered list is no change.
    const unique = [...new Set(values.map(normalise))].sort();
    const bad = unique.filter((code) => !pattern.test(code));
    if (bad.length) {
      throw badUserInput(`"${path}": ${bad.map((c) => `"${c}"`).join(', ')} is not ${what}.`, path);
    }
    if (unique.length < 1 || unique.length > max) {
      throw badUserInput(`"${path}" needs 1 to ${max} entries (got ${unique.length}).`, path);
    }
    return unique;
  };
}

const hostRegions = codes(
  (code) => code.trim().toUpperCase(),
  NUTS_CODE_PATTERN,
  'a NUTS code (two letters, then up to three letters or digits)',
  LIMITS.hostRegions,
);
const organisers = codes((id) => id.trim(), ORGANISATION_ID_PATTERN, 'an organisation id', LIMITS.organisers);

const languages: Check<string[]> = (values, path) => {
  const unique = [...new Set(values.map((code) => code.trim().toLowerCase()))];
  const bad = unique.filter((code) => !/^[a-z]{2}$/.test(code) || !LANGUAGE_NAMES.of(code));
  if (bad.length) {
    throw badUserInput(`"${path}": ${bad.map((c) => `"${c}"`).join(', ')} is not an ISO 639-1 code.`, path);
  }
  if (unique.length > LIMITS.languages) {
    throw badUserInput(`"${path}" takes at most ${LIMITS.languages} languages.`, path);
  }
  return unique;
};

function venue(
  value: VenueInput | null,
  path: string,
): Pick<EventFields, 'venueName' | 'venueAddress' | 'venueCity' | 'venueCountry'> {
  if (!value) return { venueName: null, venueAddress: null, venueCity: null, venueCountry: null };
  const country = value.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw badUserInput(
      `"${path}.country" must be an ISO 3166-1 alpha-2 code such as "BE".`,
      `${path}.country`,
    );
  }
  const address = value.address?.trim() ? text(1, 300)(value.address, `${path}.address`) : null;
  return {
    venueName: text(1, 200)(value.name, `${path}.name`),
    venueAddress: address,
    venueCity: text(1, 100)(value.city, `${path}.city`),
    venueCountry: country,
  };
}

const optional =
  <T>(check: Check<T>) =>
  (value: T | null | undefined, path: string): T | null =>
    value === null || value === undefined ? null : check(value, path);

/** The fields of a `createEvent` input, each validated; cross-field rules follow in `checkEventFields`. */
export function fieldsFromInput(input: CreateEventInput, path = 'input'): EventFields {
  return {
    title: text(...LIMITS.title)(input.title, `${path}.title`),
    summary: text(1, LIMITS.summary)(input.summary, `${path}.summary`),
    description: description(input.description ?? '', `${path}.description`),
    kind: input.kind,
    strand: input.strand ?? null,
    policyAreas: [...new Set(input.policyAreas ?? [])],
    startsAt: instant(input.startsAt, `${path}.startsAt`),
    endsAt: instant(input.endsAt, `${path}.endsAt`),
    timeZone: timeZone(input.timeZone, `${path}.timeZone`),
    allDay: input.allDay ?? false,
    format: input.format,
    ...venue(input.venue ?? null, `${path}.venue`),
    onlineUrl: optional(webUrl)(input.onlineUrl, `${path}.onlineUrl`),
    hostRegions: hostRegions(input.hostRegions, `${path}.hostRegions`),
    organisers: organisers(input.organisers, `${path}.organisers`),
    languages: languages(input.languages ?? [], `${path}.languages`),
    registrationUrl: optional(webUrl)(input.registrationUrl, `${path}.registrationUrl`),
    capacity: optional(capacity)(input.capacity, `${path}.capacity`),
    sourceUrl: optional(webUrl)(input.sourceUrl, `${path}.sourceUrl`),
  };
}

/** The current fields of a stored event. */
export function fieldsOfEvent(event: Event, hostRegionCodes: string[], organiserIds: string[]): EventFields {
  return {
    title: event.title,
    summary: event.summary,
    description: event.description,
    kind: event.kind,
    strand: event.strand,
    policyAreas: [...event.policyAreas],
    startsAt: new Date(event.startsAt),
    endsAt: new Date(event.endsAt),
    timeZone: event.timeZone,
    allDay: event.allDay,
    format: event.format,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    venueCity: event.venueCity,
    venueCountry: event.venueCountry,
    onlineUrl: event.onlineUrl,
    hostRegions: [...hostRegionCodes],
    organisers: [...organiserIds],
    languages: [...event.languages],
    registrationUrl: event.registrationUrl,
    capacity: event.capacity,
    sourceUrl: event.sourceUrl,
  };
}

/** A value a patch may leave out (undefined) but not clear (null). */
function required<T>(value: T | null | undefined, path: string): T | undefined {
  if (value === null) throw badUserInput(`"${path}" cannot be cleared; leave it out to keep it.`, path);
  return value;
}

/** `current` with the fields the patch sets, each validated as on create. */
export function patchedFields(current: EventFields, patch: EventPatch, path = 'patch'): EventFields {
  const next = { ...current };
  const keep = <T>(value: T | undefined, check: (value: T) => T): T | undefined =>
    value === undefined ? undefined : check(value);
  const set = <K extends keyof EventFields>(field: K, value: EventFields[K] | undefined) => {
    if (value !== undefined) next[field] = value;
  };
  set(
    'title',
    keep(required(patch.title, `${path}.title`), (v) => text(...LIMITS.title)(v, `${path}.title`)),
  );
  set(
    'summary',
    keep(required(patch.summary, `${path}.summary`), (v) => text(1, LIMITS.summary)(v, `${path}.summary`)),
  );
  if (patch.description !== undefined)
    set('description', description(patch.description ?? '', `${path}.description`));
  set('kind', required(patch.kind, `${path}.kind`));
  if (patch.strand !== undefined) set('strand', patch.strand);
  set(
    'policyAreas',
    keep(required(patch.policyAreas, `${path}.policyAreas`), (v) => [...new Set(v)]),
  );
  set(
    'startsAt',
    keep(required(patch.startsAt, `${path}.startsAt`), (v) => instant(v, `${path}.startsAt`)),
  );
  set(
    'endsAt',
    keep(required(patch.endsAt, `${path}.endsAt`), (v) => instant(v, `${path}.endsAt`)),
  );
  set(
    'timeZone',
    keep(required(patch.timeZone, `${path}.timeZone`), (v) => timeZone(v, `${path}.timeZone`)),
  );
  set('allDay', required(patch.allDay, `${path}.allDay`));
  set('format', required(patch.format, `${path}.format`));
  if (patch.venue !== undefined) Object.assign(next, venue(patch.venue, `${path}.venue`));
  if (patch.onlineUrl !== undefined) set('onlineUrl', optional(webUrl)(patch.onlineUrl, `${path}.onlineUrl`));
  set(
    'hostRegions',
    keep(required(patch.hostRegions, `${path}.hostRegions`), (v) => hostRegions(v, `${path}.hostRegions`)),
  );
  set(
    'organisers',
    keep(required(patch.organisers, `${path}.organisers`), (v) => organisers(v, `${path}.organisers`)),
  );
  set(
    'languages',
    keep(required(patch.languages, `${path}.languages`), (v) => languages(v, `${path}.languages`)),
  );
  if (patch.registrationUrl !== undefined) {
    set('registrationUrl', optional(webUrl)(patch.registrationUrl, `${path}.registrationUrl`));
  }
  if (patch.capacity !== undefined) set('capacity', optional(capacity)(patch.capacity, `${path}.capacity`));
  if (patch.sourceUrl !== undefined) set('sourceUrl', optional(webUrl)(patch.sourceUrl, `${path}.sourceUrl`));
  return next;
}

/**
 * Rules across fields, on the event as it would be. Events recorded from sources may lack a format (null):
 * then there is nothing to check the venue and URL against.
 */
export function checkEventFields(fields: EventFields, path: string): void {
  if (fields.endsAt.getTime() <= fields.startsAt.getTime()) {
    throw badUserInput(`"${path}.endsAt" must be after "${path}.startsAt".`, `${path}.endsAt`);
  }
  if (fields.allDay) {
    for (const field of ['startsAt', 'endsAt'] as const) {
      if (!isLocalMidnight(fields[field], fields.timeZone)) {
        throw badUserInput(
          `"${path}.${field}" must be a midnight in ${fields.timeZone} for an all-day event.`,
          `${path}.${field}`,
        );
      }
    }
  }
  const hasVenue = fields.venueName !== null || fields.venueCity !== null;
  if ((fields.format === EventFormat.IN_PERSON || fields.format === EventFormat.HYBRID) && !hasVenue) {
    throw badUserInput(`An ${fields.format} event needs "${path}.venue".`, `${path}.venue`);
  }
  if ((fields.format === EventFormat.ONLINE || fields.format === EventFormat.HYBRID) && !fields.onlineUrl) {
    throw badUserInput(`An ${fields.format} event needs "${path}.onlineUrl".`, `${path}.onlineUrl`);
  }
}

/** Names of the fields that differ between two states (for the audit record). */
export function changedFieldNames(before: EventFields, after: EventFields): Array<keyof EventFields> {
  return (Object.keys(after) as Array<keyof EventFields>).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

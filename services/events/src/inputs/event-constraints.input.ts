import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN, ruleDecorator } from '@hub/kit';
import { EventFormat } from '../entities/enums';
import { canonicalTimeZone, isLocalMidnight } from './time-zones.input';

// The rules of an event's fields, as class-validator decorators on the input classes (createEvent, updateEvent)
// and as plain functions for the rules that need the event as it will be written — what its format needs, and
// for an update the stored event (writes/event-fields.write.ts). Each rule answers null when satisfied, else
// the message. Decorators (the kit's `ruleDecorator`) check values that are given; null and undefined pass.
// Text lengths and web URLs use the kit's `TextLength` and `IsWebUrl`.

export const LIMITS = {
  title: [3, 200],
  summary: [1, 500],
  description: 20_000,
  hostRegions: 50,
  organisers: 20,
  languages: 24,
  capacity: 1_000_000,
  cancellationReason: [3, 500],
  venueName: [1, 200],
  venueAddress: [1, 300],
  venueCity: [1, 100],
} as const;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Codes as stored: trimmed, upper-cased, de-duplicated and sorted (lists return them sorted). */
export function normaliseRegionCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map((code) => code.trim().toUpperCase()))].sort();
}

export function normaliseOrganisationIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()))].sort();
}

export function normaliseLanguages(codes: readonly string[]): string[] {
  return [...new Set(codes.map((code) => code.trim().toLowerCase()))];
}

export function timeZoneRule(value: string): string | null {
  return canonicalTimeZone(value.trim())
    ? null
    : `"${value}" is not an IANA time zone such as "Europe/Brussels" (offsets are not zones)`;
}

export function endsAfterStartRule(startsAt: Date, endsAt: Date): string | null {
  return endsAt.getTime() <= startsAt.getTime() ? 'must be after startsAt' : null;
}

/** All-day events span whole local days: both instants are midnights in the event's zone. */
export function localMidnightRule(instant: Date, timeZone: string): string | null {
  const zone = canonicalTimeZone(timeZone.trim());
  if (!zone) return null; // the time zone's own rule reports it
  return isLocalMidnight(instant, zone) ? null : `must be a midnight in ${zone} for an all-day event`;
}

export const NEEDS_VENUE: readonly EventFormat[] = [EventFormat.IN_PERSON, EventFormat.HYBRID];
export const NEEDS_ONLINE_URL: readonly EventFormat[] = [EventFormat.ONLINE, EventFormat.HYBRID];

export function neededForFormatRule(
  format: EventFormat | null | undefined,
  formats: readonly EventFormat[],
  what: string,
): string | null {
  return format && formats.includes(format) ? `an ${format} event needs ${what}` : null;
}

function codesRule(codes: readonly string[], pattern: RegExp, what: string, max: number): string | null {
  const unique = [...new Set(codes)];
  const bad = unique.filter((code) => !pattern.test(code));
  if (bad.length) return `${bad.map((code) => `"${code}"`).join(', ')} is not ${what}`;
  if (unique.length < 1 || unique.length > max) return `needs 1 to ${max} entries (got ${unique.length})`;
  return null;
}

export function hostRegionsRule(codes: readonly string[]): string | null {
  return codesRule(
    normaliseRegionCodes(codes),
    NUTS_CODE_PATTERN,
    'a NUTS code (two letters, then up to three letters or digits)',
    LIMITS.hostRegions,
  );
}

export function organisersRule(ids: readonly string[]): string | null {
  return codesRule(
    normaliseOrganisationIds(ids),
    ORGANISATION_ID_PATTERN,
    'an organisation id',
    LIMITS.organisers,
  );
}

export function languagesRule(codes: readonly string[]): string | null {
  const unique = normaliseLanguages(codes);
  const bad = unique.filter((code) => !/^[a-z]{2}$/.test(code) || !LANGUAGE_NAMES.of(code));
  if (bad.length) return `${bad.map((code) => `"${code}"`).join(', ')} is not an ISO 639-1 code`;
  return unique.length > LIMITS.languages ? `takes at most ${LIMITS.languages} languages` : null;
}

/** ISO 3166-1 alpha-2 (GR for Greece: Eurostat's EL is not an ISO code). */
export function isoCountryCodeRule(value: string): string | null {
  const code = value.trim().toUpperCase();
  const name = /^[A-Z]{2}$/.test(code) ? REGION_NAMES.of(code) : undefined;
  return name && name !== 'Unknown Region'
    ? null
    : `must be an ISO 3166-1 alpha-2 code such as "BE" or "GR" (not Eurostat's "EL")`;
}

/** An IANA time zone name (not an offset). */
export const IsIanaTimeZone = () => ruleDecorator<string>('isIanaTimeZone', timeZoneRule);

export const IsIsoCountryCode = () => ruleDecorator<string>('isIsoCountryCode', isoCountryCodeRule);

export const AreHostRegions = () => ruleDecorator<string[]>('areHostRegions', hostRegionsRule);

export const AreOrganisers = () => ruleDecorator<string[]>('areOrganisers', organisersRule);

export const AreLanguages = () => ruleDecorator<string[]>('areLanguages', languagesRule);

/** `endsAt` after the object's `startsAt`. */
export const IsAfterStart = () =>
  ruleDecorator<Date>('isAfterStart', (endsAt, object) =>
    object.startsAt instanceof Date ? endsAfterStartRule(object.startsAt, endsAt) : null,
  );

/** `to` after the object's `from` (a filter's range). */
export const IsAfterFrom = () =>
  ruleDecorator<Date>('isAfterFrom', (to, object) =>
    object.from instanceof Date && to.getTime() <= object.from.getTime() ? 'must be after from' : null,
  );

/** A midnight in the object's `timeZone` when the object is `allDay`. */
export const IsLocalMidnightWhenAllDay = () =>
  ruleDecorator<Date>('isLocalMidnightWhenAllDay', (instant, object) =>
    object.allDay === true && typeof object.timeZone === 'string'
      ? localMidnightRule(instant, object.timeZone)
      : null,
  );

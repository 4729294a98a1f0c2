import { invalidInputs, type FieldError, type PolicyArea, type Strand } from '@hub/kit';
import type { EventFormat, EventKind } from '../entities/enums';
import type { Event } from '../entities/event.entity';
import type { CreateEventInput } from '../inputs/create-event.input';
import {
  endsAfterStartRule,
  localMidnightRule,
  NEEDS_ONLINE_URL,
  NEEDS_VENUE,
  neededForFormatRule,
  normaliseLanguages,
  normaliseOrganisationIds,
  normaliseRegionCodes,
} from '../inputs/event-constraints.input';
import { canonicalTimeZone } from '../inputs/time-zones.input';
import type { UpdateEventInput } from '../inputs/update-event.input';
import type { VenueInput } from '../inputs/venue.input';

/** Everything a partner may set on an event, normalised (venue flattened as stored). */
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

const trimmedOrNull = (value: string | null | undefined): string | null => value?.trim() || null;

function venueColumns(
  venue: VenueInput | null | undefined,
): Pick<EventFields, 'venueName' | 'venueAddress' | 'venueCity' | 'venueCountry'> {
  if (!venue) return { venueName: null, venueAddress: null, venueCity: null, venueCountry: null };
  return {
    venueName: venue.name.trim(),
    venueAddress: trimmedOrNull(venue.address),
    venueCity: venue.city.trim(),
    venueCountry: venue.isoCountryCode.trim().toUpperCase(),
  };
}

/** The fields of a validated `createEvent` input, normalised as stored. */
export function fieldsFromInput(input: CreateEventInput): EventFields {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    description: input.description ?? '',
    kind: input.kind,
    strand: input.strand ?? null,
    policyAreas: [...new Set(input.policyAreas ?? [])],
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timeZone: canonicalTimeZone(input.timeZone.trim()) ?? input.timeZone,
    allDay: input.allDay ?? false,
    format: input.format,
    ...venueColumns(input.venue),
    onlineUrl: trimmedOrNull(input.onlineUrl),
    hostRegions: normaliseRegionCodes(input.hostRegions),
    organisers: normaliseOrganisationIds(input.organisers),
    languages: normaliseLanguages(input.languages ?? []),
    registrationUrl: trimmedOrNull(input.registrationUrl),
    capacity: input.capacity ?? null,
    sourceUrl: trimmedOrNull(input.sourceUrl),
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

/**
 * `current` with the fields a validated `updateEvent` input sets (left out: undefined, keeps the value; null
 * clears an optional field — required ones refuse null in their decorators).
 */
export function patchedFields(current: EventFields, patch: UpdateEventInput): EventFields {
  const next = { ...current };
  const set = <K extends keyof EventFields>(field: K, value: EventFields[K] | null | undefined) => {
    if (value !== undefined && value !== null) next[field] = value;
  };
  const clearable = <K extends keyof EventFields>(field: K, value: EventFields[K] | undefined) => {
    if (value !== undefined) next[field] = value;
  };
  set('title', patch.title?.trim());
  set('summary', patch.summary?.trim());
  if (patch.description !== undefined) next.description = patch.description ?? '';
  set('kind', patch.kind);
  clearable('strand', patch.strand);
  set('policyAreas', patch.policyAreas && [...new Set(patch.policyAreas)]);
  set('startsAt', patch.startsAt);
  set('endsAt', patch.endsAt);
  set('timeZone', patch.timeZone && (canonicalTimeZone(patch.timeZone.trim()) ?? patch.timeZone));
  set('allDay', patch.allDay);
  set('format', patch.format);
  if (patch.venue !== undefined) Object.assign(next, venueColumns(patch.venue));
  if (patch.onlineUrl !== undefined) next.onlineUrl = trimmedOrNull(patch.onlineUrl);
  set('hostRegions', patch.hostRegions && normaliseRegionCodes(patch.hostRegions));
  set('organisers', patch.organisers && normaliseOrganisationIds(patch.organisers));
  set('languages', patch.languages && normaliseLanguages(patch.languages));
  if (patch.registrationUrl !== undefined) next.registrationUrl = trimmedOrNull(patch.registrationUrl);
  clearable('capacity', patch.capacity);
  if (patch.sourceUrl !== undefined) next.sourceUrl = trimmedOrNull(patch.sourceUrl);
  return next;
}

/** Fields an update may change but not clear: null is refused (leave a field out to keep it). */
const REQUIRED_FIELDS = [
  'title',
  'summary',
  'kind',
  'policyAreas',
  'startsAt',
  'endsAt',
  'timeZone',
  'allDay',
  'format',
  'hostRegions',
  'organisers',
  'languages',
] as const satisfies ReadonlyArray<keyof UpdateEventInput>;

export function assertNoRequiredFieldCleared(input: UpdateEventInput, path: string): void {
  const cleared = REQUIRED_FIELDS.filter((field) => input[field] === null);
  if (cleared.length) {
    throw invalidInputs(
      cleared.map((field) => ({
        path: `${path}.${field}`,
        messages: ['cannot be cleared; leave it out to keep it'],
      })),
    );
  }
}

/**
 * The rules across fields, on an event as a create or an update would leave it (the decorators of the inputs
 * check each value given; an update's other values are the stored ones): BAD_USER_INPUT naming every broken one at `<path>.<field>`. Events recorded from sources may lack a
 * format (null): then there is nothing to check the venue and URL against.
 */
export function assertFieldsConsistent(fields: EventFields, path: string): void {
  const errors: FieldError[] = [];
  const check = (field: string, message: string | null) => {
    if (!message) return;
    const existing = errors.find((error) => error.path === `${path}.${field}`);
    if (existing) existing.messages.push(message);
    else errors.push({ path: `${path}.${field}`, messages: [message] });
  };
  check('endsAt', endsAfterStartRule(fields.startsAt, fields.endsAt));
  if (fields.allDay) {
    check('startsAt', localMidnightRule(fields.startsAt, fields.timeZone));
    check('endsAt', localMidnightRule(fields.endsAt, fields.timeZone));
  }
  const hasVenue = fields.venueName !== null || fields.venueCity !== null;
  if (!hasVenue) check('venue', neededForFormatRule(fields.format, NEEDS_VENUE, 'a venue'));
  if (!fields.onlineUrl)
    check('onlineUrl', neededForFormatRule(fields.format, NEEDS_ONLINE_URL, 'an onlineUrl'));
  if (errors.length) throw invalidInputs(errors);
}

/** Names of the fields that differ between two states (for the audit record). */
export function changedFieldNames(before: EventFields, after: EventFields): Array<keyof EventFields> {
  return (Object.keys(after) as Array<keyof EventFields>).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

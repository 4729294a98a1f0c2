import { PolicyArea, Strand } from '@hub/kit';
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { EventFormat, EventKind } from '../../entities/enums';

@InputType('VenueInput', { description: 'The place of an in-person or hybrid event.' })
export class VenueInput {
  @Field(() => String, { description: 'Name of the building or room, 1-200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address, at most 300 characters.' })
  address?: string | null;

  @Field(() => String, { description: 'City or town, 1-100 characters.' })
  city!: string;

  @Field(() => String, { description: 'Country as an ISO 3166-1 alpha-2 code, e.g. "BE".' })
  country!: string;
}

/** The fields of an event a partner writes; `createEvent` needs most, `updateEvent` takes any. */
@InputType('CreateEventInput', {
  description: 'A new event; it is created as a draft unless `publish` is true.',
})
export class CreateEventInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters chosen by the client; retrying with the same key and input returns the first result.',
  })
  idempotencyKey!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Organisation the event is recorded for; default: the caller's. Only hub admins may name another one.",
  })
  organisation?: string | null;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  title!: string;

  @Field(() => String, { description: 'One or two sentences of plain text, at most 500 characters.' })
  summary!: string;

  @Field(() => String, {
    nullable: true,
    defaultValue: '',
    description: 'Full description in Markdown, at most 20,000 characters.',
  })
  description?: string | null;

  @Field(() => EventKind, { description: 'What kind of activity this is.' })
  kind!: EventKind;

  @Field(() => Strand, { nullable: true, description: 'The strand of the partnership it belongs to.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, defaultValue: [], description: 'Policy areas covered.' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => GraphQLISODateTime, {
    description: 'Start (an instant with offset, e.g. 2026-05-04T09:30:00+02:00).',
  })
  startsAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'End; after `startsAt`.' })
  endsAt!: Date;

  @Field(() => String, { description: 'IANA time zone of the venue, e.g. "Europe/Brussels".' })
  timeZone!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'True when only dates are known: startsAt and endsAt must then be midnights in timeZone.',
  })
  allDay?: boolean | null;

  @Field(() => EventFormat, {
    description: 'IN_PERSON needs a venue, ONLINE an online URL, HYBRID both.',
  })
  format!: EventFormat;

  @Field(() => VenueInput, { nullable: true, description: 'Where it takes place (in person or hybrid).' })
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true, description: 'Where to join online: an http or https URL.' })
  onlineUrl?: string | null;

  @Field(() => [String], { description: 'NUTS 2024 codes of the host regions (1-50), e.g. ["BE10"].' })
  hostRegions!: string[];

  @Field(() => [ID], { description: 'Ids of the organising organisations (1-20), e.g. ["cpmr"].' })
  organisers!: string[];

  @Field(() => [String], {
    nullable: true,
    defaultValue: [],
    description: 'Languages as ISO 639-1 codes, e.g. ["en", "fr"].',
  })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where to register: an http or https URL.' })
  registrationUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of places, when limited (1-1,000,000).' })
  capacity?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Public page documenting the event (http or https URL).',
  })
  sourceUrl?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Publish at once instead of creating a draft.',
  })
  publish?: boolean | null;
}

@InputType('EventPatch', {
  description:
    'Changes to an event: fields left out stay as they are; null clears an optional field (title, summary, kind, times, time zone, format and the lists cannot be cleared).',
})
export class EventPatch {
  @Field(() => String, { nullable: true, description: 'New title, 3-200 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary, at most 500 characters.' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'New Markdown description; null empties it.' })
  description?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'New kind.' })
  kind?: EventKind | null;

  @Field(() => Strand, { nullable: true, description: 'New strand; null clears it.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, description: 'New policy areas (replaces the list).' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'New start.' })
  startsAt?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'New end.' })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'New IANA time zone.' })
  timeZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether only dates are known.' })
  allDay?: boolean | null;

  @Field(() => EventFormat, { nullable: true, description: 'New format.' })
  format?: EventFormat | null;

  @Field(() => VenueInput, { nullable: true, description: 'New venue; null removes it.' })
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true, description: 'New online URL; null removes it.' })
  onlineUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'New host regions (replaces the list, 1-50).' })
  hostRegions?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'New organisers (replaces the list, 1-20).' })
  organisers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New languages (replaces the list).' })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New registration URL; null removes it.' })
  registrationUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'New capacity; null removes the limit.' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'New source URL; null removes it.' })
  sourceUrl?: string | null;
}

/** The event a change applies to and the version the client last read (optimistic locking). */
@ArgsType()
export class EventVersionArgs {
  @Field(() => ID, { description: 'Event id.' })
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  version!: number;
}

@ArgsType()
export class UpdateEventArgs extends EventVersionArgs {
  @Field(() => EventPatch, { description: 'The fields to change.' })
  patch!: EventPatch;
}

@ArgsType()
export class CancelEventArgs extends EventVersionArgs {
  @Field(() => String, { description: 'Why it is cancelled, 3-500 characters (shown to everyone).' })
  reason!: string;
}

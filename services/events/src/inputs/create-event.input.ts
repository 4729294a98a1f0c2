import { DateTimeScalar, IsWebUrl, ORGANISATION_ID_PATTERN, PolicyArea, Strand, TextLength } from '@hub/kit';
import {
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EventFormat, EventKind } from '../entities/enums';
import {
  AreHostRegions,
  AreLanguages,
  AreOrganisers,
  IsAfterStart,
  IsIanaTimeZone,
  IsLocalMidnightWhenAllDay,
  LIMITS,
} from './event-constraints.input';
import { VenueInput } from './venue.input';

@InputType('CreateEventInput', {
  description: 'A new event; it is created as a draft unless `publish` is true.',
})
export class CreateEventInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters chosen by the client; retrying with the same key and input returns the first result.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Organisation the event is recorded for; default: the caller's. Only hub admins may name another one.",
  })
  @ValidateIf((_input, value) => typeof value === 'string' && value.trim() !== '')
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisation must be an organisation id such as "cpmr"' })
  organisation?: string | null;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @TextLength(...LIMITS.title)
  title!: string;

  @Field(() => String, { description: 'One or two sentences of plain text, at most 500 characters.' })
  @TextLength(...LIMITS.summary)
  summary!: string;

  @Field(() => String, {
    nullable: true,
    defaultValue: '',
    description: 'Full description in Markdown, at most 20,000 characters.',
  })
  @IsOptional()
  @MaxLength(LIMITS.description)
  description?: string | null;

  @Field(() => EventKind, { description: 'What kind of activity this is.' })
  kind!: EventKind;

  @Field(() => Strand, { nullable: true, description: 'The strand of the partnership it belongs to.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, defaultValue: [], description: 'Policy areas covered.' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => DateTimeScalar, {
    description:
      'Start: an instant with Z or an offset, e.g. 2026-05-04T09:30:00+02:00. For an all-day event, a midnight in timeZone.',
  })
  @IsLocalMidnightWhenAllDay()
  startsAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'End, after `startsAt`. For an all-day event, the midnight after the last day in timeZone.',
  })
  @IsAfterStart()
  @IsLocalMidnightWhenAllDay()
  endsAt!: Date;

  @Field(() => String, { description: 'IANA time zone of the venue, e.g. "Europe/Brussels".' })
  @IsIanaTimeZone()
  timeZone!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'True when only dates are known: startsAt and endsAt must then be midnights in timeZone.',
  })
  allDay?: boolean | null;

  @Field(() => EventFormat, {
    description:
      'IN_PERSON needs a venue, ONLINE an online URL, HYBRID both (checked when the event is written).',
  })
  format!: EventFormat;

  @Field(() => VenueInput, { nullable: true, description: 'Where it takes place (in person or hybrid).' })
  @IsOptional()
  @ValidateNested()
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true, description: 'Where to join online: an http or https URL.' })
  @IsWebUrl()
  onlineUrl?: string | null;

  @Field(() => [ID], { description: 'NUTS 2024 codes of the host regions (1-50), e.g. ["BE10"].' })
  @AreHostRegions()
  hostRegions!: string[];

  @Field(() => [ID], { description: 'Ids of the organising organisations (1-20), e.g. ["cpmr"].' })
  @AreOrganisers()
  organisers!: string[];

  @Field(() => [String], {
    nullable: true,
    defaultValue: [],
    description: 'Languages as ISO 639-1 codes, e.g. ["en", "fr"].',
  })
  @AreLanguages()
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where to register: an http or https URL.' })
  @IsWebUrl()
  registrationUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of places, when limited (1-1,000,000).' })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.capacity)
  capacity?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Public page documenting the event (http or https URL).',
  })
  @IsWebUrl()
  sourceUrl?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Publish at once instead of creating a draft.',
  })
  publish?: boolean | null;
}

import { DateTimeScalar, IsWebUrl, PolicyArea, Strand, TextLength } from '@hub/kit';
import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EventFormat, EventKind } from '../entities/enums';
import {
  AreHostRegions,
  AreLanguages,
  AreOrganisers,
  IsIanaTimeZone,
  LIMITS,
} from './event-constraints.input';
import { VersionedEventInput } from './versioned-event.input';
import { VenueInput } from './venue.input';

/**
 * `updateEvent`: the event, the version last read and the fields to change. Each value given is checked here as
 * on create; which fields may be cleared (null) and the rules across fields (end after start, all-day midnights,
 * what the format needs) are checked on the event as it would be, in writes/update-event.write.ts.
 */
@InputType('UpdateEventInput', {
  description:
    'Changes to an event from the version last read: fields left out stay as they are; null clears an optional field (title, summary, kind, times, time zone, allDay, format and the lists cannot be cleared).',
})
export class UpdateEventInput extends VersionedEventInput {
  @Field(() => String, { nullable: true, description: 'New title, 3-200 characters.' })
  @TextLength(...LIMITS.title)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary, at most 500 characters.' })
  @TextLength(...LIMITS.summary)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'New Markdown description; null empties it.' })
  @IsOptional()
  @MaxLength(LIMITS.description)
  description?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'New kind.' })
  kind?: EventKind | null;

  @Field(() => Strand, { nullable: true, description: 'New strand; null clears it.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, description: 'New policy areas (replaces the list).' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'New start.' })
  startsAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'New end (after the start).' })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'New IANA time zone.' })
  @IsIanaTimeZone()
  timeZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether only dates are known.' })
  allDay?: boolean | null;

  @Field(() => EventFormat, { nullable: true, description: 'New format.' })
  format?: EventFormat | null;

  @Field(() => VenueInput, { nullable: true, description: 'New venue; null removes it.' })
  @IsOptional()
  @ValidateNested()
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true, description: 'New online URL; null removes it.' })
  @IsWebUrl()
  onlineUrl?: string | null;

  @Field(() => [ID], { nullable: true, description: 'New host regions (replaces the list, 1-50).' })
  @AreHostRegions()
  hostRegions?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'New organisers (replaces the list, 1-20).' })
  @AreOrganisers()
  organisers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New languages (replaces the list).' })
  @AreLanguages()
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New registration URL; null removes it.' })
  @IsWebUrl()
  registrationUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'New capacity (1-1,000,000); null removes the limit.' })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.capacity)
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'New source URL; null removes it.' })
  @IsWebUrl()
  sourceUrl?: string | null;
}

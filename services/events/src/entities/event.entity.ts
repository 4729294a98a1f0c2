import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar, PolicyArea, renderMarkdown, Strand } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { EventFormat, EventKind, EventStatus } from './enums';
import { Venue } from './venue.type';

/**
 * An activity of the partnership. Host regions and organisers live in join tables (`event_host_region`,
 * `event_organiser`) read through DataLoaders; the rest is this row. Timestamps are stored with millisecond
 * precision (`timestamptz(3)`) so a JavaScript Date round-trips exactly, which keeps cursors exact.
 */
@ObjectType('Event', {
  description:
    'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'event' })
export class Event {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'One or two sentences of plain text, at most 500 characters.' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => String, {
    description:
      'Full description as Markdown source, for editing (at most 20,000 characters). Never insert it into a page as HTML: use `descriptionHtml`.',
  })
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => EventKind, { description: 'What kind of activity this is.' })
  @Property({ type: 'text' })
  kind!: EventKind;

  @Field(() => Strand, {
    nullable: true,
    description:
      'The strand of the partnership the event belongs to; null for events before the partnership (2021) or when the source does not say.',
  })
  @Property({ type: 'text', nullable: true })
  strand: Strand | null = null;

  @Field(() => [PolicyArea], {
    description: 'Areas of the Action plan on Integration and Inclusion covered.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  policyAreas: PolicyArea[] & Opt = [];

  @Field(() => DateTimeScalar, { description: 'When the event starts (an instant, UTC).' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When the event ends (an instant, UTC), after `startsAt`.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  endsAt!: Date;

  @Field(() => String, {
    description:
      'IANA time zone of the venue (or of the organiser for online events), e.g. "Europe/Brussels": show the times in it.',
  })
  @Property({ type: 'text' })
  timeZone!: string;

  @Field(() => Boolean, {
    description:
      'True when the times were not published: startsAt/endsAt then span whole days in timeZone (00:00 of the first day to 24:00 of the last).',
  })
  @Property({ type: 'boolean' })
  allDay: boolean & Opt = false;

  @Field(() => EventFormat, {
    nullable: true,
    description: 'In person, online or hybrid; null when the source of a recorded event does not say.',
  })
  @Property({ type: 'text', nullable: true })
  format: EventFormat | null = null;

  @Property({ type: 'text', nullable: true })
  venueName: string | null = null;

  @Property({ type: 'text', nullable: true })
  venueAddress: string | null = null;

  @Property({ type: 'text', nullable: true })
  venueCity: string | null = null;

  @Property({ type: 'text', nullable: true })
  venueCountry: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where to join online (http or https URL).' })
  @Property({ type: 'text', nullable: true })
  onlineUrl: string | null = null;

  @Field(() => EventStatus, { description: 'Draft, published or cancelled.' })
  @Property({ type: 'text' })
  status!: EventStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the event was cancelled (status CANCELLED only).',
  })
  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  @Field(() => [String], {
    description: 'Languages of the event as ISO 639-1 codes, e.g. ["en", "fr"]; empty when not stated.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: string[] & Opt = [];

  @Field(() => String, { nullable: true, description: 'Where to register (http or https URL).' })
  @Property({ type: 'text', nullable: true })
  registrationUrl: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Number of places, when limited.' })
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Public page that documents the event (set for events recorded from published sources).',
  })
  @Property({ type: 'text', nullable: true })
  sourceUrl: string | null = null;

  /** Organisation id of the creator; exposed as `createdBy: Organisation` by the resolver. */
  @Property({ type: 'text' })
  createdBy!: string;

  /** Title, summary and description folded by `normaliseSearchText`, for accent- and case-insensitive search. */
  @Property({ type: 'text' })
  searchText!: string;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When the event was recorded in the hub.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When the event was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  updatedAt: Date & Opt = new Date();

  @Field(() => Venue, {
    nullable: true,
    description: 'Where the event takes place; null for online events and when the source does not say.',
  })
  get venue(): Opt<Venue> | null {
    const { venueName: name, venueAddress: address, venueCity: city, venueCountry: isoCountryCode } = this;
    if (name === null && address === null && city === null && isoCountryCode === null) return null;
    return Object.assign(new Venue(), { name, address, city, isoCountryCode }) as Opt<Venue>;
  }

  @Field(() => String, {
    description:
      '`description` rendered to HTML and sanitised (no scripts, event handlers or non-http(s)/mailto links): safe to insert into a page.',
  })
  get descriptionHtml(): string & Opt {
    return renderMarkdown(this.description) as string & Opt;
  }
}

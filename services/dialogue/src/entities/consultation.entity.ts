import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar, PolicyArea, renderMarkdown, Strand } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AudienceKind, ConsultationStatus } from './enums';

/**
 * A consultation of the partnership: structured questions put by an organiser (the CoR, the Commission, a
 * network) to regions and cities. Questions live in `question`, responses in `response` and `answer`; the
 * organiser, regions, event and thread are keys of other subgraphs, exposed as references by resolvers.
 */
@ObjectType('Consultation', {
  description:
    'A consultation: questions an organisation puts to regions and cities, open for a period, whose aggregated results are published once it closes. Drafts are visible only to the organiser.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'consultation' })
export class Consultation {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Organisation id of the organiser; exposed as `organiser: Organisation!`. */
  @Property({ type: 'text' })
  organiser!: string;

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

  @Field(() => Strand, {
    nullable: true,
    description: 'The strand of the partnership it serves, when stated.',
  })
  @Property({ type: 'text', nullable: true })
  strand: Strand | null = null;

  @Field(() => [PolicyArea], {
    description: 'Areas of the Action plan on Integration and Inclusion the consultation is about.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  policyAreas: PolicyArea[] & Opt = [];

  @Field(() => [String], {
    description: 'Languages in which answers are accepted, as ISO 639-1 codes, e.g. ["en", "fr"].',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: string[] & Opt = [];

  /** Exposed as `audience { kind organisations }`. */
  @Property({ type: 'text' })
  audienceKind!: AudienceKind;

  @Property({ type: ArrayType, columnType: 'text[]' })
  audienceOrganisations: string[] & Opt = [];

  /** NUTS codes of the territories it concerns; exposed as `regions: [Region!]!`. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  regionCodes: string[] & Opt = [];

  @Field(() => DateTimeScalar, {
    description: 'From when responses are accepted (once the consultation is OPEN).',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  opensAt!: Date;

  @Field(() => DateTimeScalar, {
    description:
      'Until when responses are accepted and changed (exclusive); after it no answer is taken, even before the organiser closes it.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  closesAt!: Date;

  @Field(() => ConsultationStatus, { description: 'Draft, open, closed or with its results published.' })
  @Property({ type: 'text' })
  status!: ConsultationStatus;

  @Field(() => Boolean, {
    description:
      'True for a needs assessment: its SCALE questions tagged with a policy area measure the severity of needs (1 none … 5 most severe) and feed `Region.needs` and `needsMap` once its results are published.',
  })
  @Property({ type: 'boolean' })
  needsAssessment: boolean & Opt = false;

  /** Id of the related roundtable or other event (events subgraph); exposed as `event: Event`. */
  @Property({ type: 'uuid', nullable: true })
  eventId: string | null = null;

  /** Id of the discussion thread (forum subgraph); exposed as `discussion: Thread`. */
  @Property({ type: 'uuid', nullable: true })
  threadId: string | null = null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was opened; null while a draft.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  openedAt: Date | null = null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed; null before.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  closedAt: Date | null = null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When its results were published; null before.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  resultsPublishedAt: Date | null = null;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When the consultation was recorded in the hub.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed (its questions included).' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  updatedAt: Date & Opt = new Date();

  @Field(() => String, {
    description:
      '`description` rendered to HTML and sanitised (no scripts, event handlers or non-http(s)/mailto links): safe to insert into a page.',
  })
  get descriptionHtml(): string & Opt {
    return renderMarkdown(this.description) as string & Opt;
  }
}

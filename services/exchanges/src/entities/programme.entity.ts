import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, DateTimeScalar, PolicyArea, renderMarkdown } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ProgrammeKind, ProgrammeStatus } from './enums';

/**
 * A mentoring or exchange programme run by an organiser organisation (key of the regions subgraph, shown as
 * `organiser: Organisation!`). Applications and pairings live in their own tables.
 */
@ObjectType('Programme', {
  description:
    'A mentoring or exchange programme that pairs regions and cities: a call for applications, then pairings of a mentor with a mentee. Drafts are visible only to the organiser.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'programme' })
export class Programme {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Organisation id of the organiser; exposed as `organiser: Organisation!`. */
  @Property({ type: 'text' })
  organiser!: string;

  @Field(() => ProgrammeKind, { description: 'Mentoring, exchange or a series of study visits.' })
  @Property({ type: 'text' })
  kind!: ProgrammeKind;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, {
    description:
      'Description as Markdown source, for editing (at most 20,000 characters). Never insert it into a page as HTML: use `descriptionHtml`.',
  })
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => [PolicyArea], {
    description: 'Areas of the Action plan on Integration and Inclusion it covers.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  policyAreas: PolicyArea[] & Opt = [];

  @Field(() => [String], { description: 'Working languages, as ISO 639-1 codes, e.g. ["en", "fr"].' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: string[] & Opt = [];

  @Field(() => DateTimeScalar, { description: 'From when applications are taken (once the call is open).' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  applicationsOpenAt!: Date;

  @Field(() => DateTimeScalar, { description: 'Until when applications are taken and changed (exclusive).' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  applicationsCloseAt!: Date;

  @Field(() => DateScalar, { description: 'First day of the running period.' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the running period.' })
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'Number of places: how many pairings it can hold at most.' })
  @Property({ type: 'integer' })
  places!: number;

  @Field(() => ProgrammeStatus, { description: 'Draft, call open, running or closed.' })
  @Property({ type: 'text' })
  status: ProgrammeStatus & Opt = ProgrammeStatus.DRAFT;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When it was recorded in the hub.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Field(() => String, {
    description:
      '`description` rendered to HTML and sanitised (no scripts, event handlers or non-http(s)/mailto links): safe to insert into a page.',
  })
  get descriptionHtml(): string & Opt {
    return renderMarkdown(this.description) as string & Opt;
  }
}

import { ArrayType, Entity, JsonType, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, DateTimeScalar, PolicyArea, renderMarkdown, Strand, TargetGroup } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ResourceKind, ResourceStatus } from './enums';
import type { ResourceLanguageVersion } from './language-version.type';

/**
 * A library resource: a good practice, training material, study, toolkit, report or dataset a partner
 * organisation (its publisher) shares. Territories, publisher, event and threads are keys of other subgraphs,
 * exposed as objects by resolvers; the search columns of the table are derived by a trigger (see the migration).
 */
@ObjectType('Resource', {
  description:
    'A resource of the library: a good practice, training material, study, toolkit, report or dataset, shared by a partner organisation (its publisher). Drafts are visible only to the publisher.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'resource' })
export class Resource {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ResourceKind, { description: 'What the resource is.' })
  @Property({ type: 'text' })
  kind!: ResourceKind;

  @Field(() => ResourceStatus, { description: 'Draft, published or archived.' })
  @Property({ type: 'text' })
  status!: ResourceStatus;

  @Field(() => String, {
    description:
      'Language of the title, summary and body, an ISO 639-1 code ("en"); search uses its stemming when PostgreSQL has it.',
  })
  @Property({ type: 'text' })
  language!: string;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'Summary, plain text of at most 1,000 characters.' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => String, {
    description:
      'Body as Markdown source, for editing (at most 50,000 characters). Never insert it into a page as HTML: use `bodyHtml`.',
  })
  @Property({ type: 'text' })
  body: string & Opt = '';

  /** Other language versions; exposed as `versions: [ResourceLanguageVersion!]!`. */
  @Property({ type: JsonType, columnType: 'jsonb' })
  versions: Array<Omit<ResourceLanguageVersion, 'bodyHtml'>> & Opt = [];

  /** Organisation id of the publisher; exposed as `publisher: Organisation!`. */
  @Property({ type: 'text' })
  organisationId!: string;

  @Field(() => [String], { description: 'Authors as the resource names them (people or bodies), in order.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  authors: string[] & Opt = [];

  @Field(() => DateScalar, { description: 'Publication date as the resource states it.' })
  @Property({ type: 'date', columnType: 'date' })
  publishedOn!: string;

  @Field(() => String, { nullable: true, description: 'Where to read or download it (http or https).' })
  @Property({ type: 'text', nullable: true })
  link: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Licence as the publisher states it, e.g. "CC BY 4.0"; null when none is stated.',
  })
  @Property({ type: 'text', nullable: true })
  licence: string | null = null;

  @Field(() => Strand, {
    nullable: true,
    description: 'The strand of the partnership it serves, when stated.',
  })
  @Property({ type: 'text', nullable: true })
  strand: Strand | null = null;

  @Field(() => [PolicyArea], { description: 'Policy areas it is about.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  policyAreas: PolicyArea[] & Opt = [];

  @Field(() => [TargetGroup], { description: 'Groups of people it addresses.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  targetGroups: TargetGroup[] & Opt = [];

  /** NUTS codes of the territories it concerns; exposed as `territories: [Region!]!`. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  territoryCodes: string[] & Opt = [];

  /** Exposed as `location: GeoPoint`. */
  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  /** Id of the workshop, study visit … that produced it (events subgraph); exposed as `event: Event`. */
  @Property({ type: 'uuid', nullable: true })
  eventId: string | null = null;

  /** Ids of forum threads that cite it; exposed as `citedIn: [Thread!]!`. */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  threadIds: string[] & Opt = [];

  /** The key a bulk import gave it (unique per publisher); null for resources created through GraphQL. */
  @Property({ type: 'text', nullable: true })
  importKey: string | null = null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was published in the hub; null while a draft.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  publishedAt: Date | null = null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was archived; null before.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  archivedAt: Date | null = null;

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
      '`body` rendered to HTML and sanitised (no scripts, event handlers or non-http(s)/mailto links): safe to insert into a page.',
  })
  get bodyHtml(): string & Opt {
    return renderMarkdown(this.body) as string & Opt;
  }
}

import { ArrayType, Entity, JsonType, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar, PolicyArea, ListSize } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ApplicationRole, ApplicationStatus } from './enums';

@ObjectType('ApplicationArea', {
  description: 'What an application offers (MENTOR) or needs (MENTEE) in one policy area.',
})
export class ApplicationArea {
  @Field(() => PolicyArea, { description: 'The policy area.' })
  policyArea!: PolicyArea;

  @Field(() => String, { description: 'What is offered or needed, plain text of at most 2,000 characters.' })
  text!: string;
}

/**
 * An organisation's application to a programme for one territory, as mentor or mentee. Private: seen by its
 * organisation and by the organiser's editors and hub admins only (queries/visibility.query.ts).
 */
@ObjectType('Application', {
  description:
    "An organisation's application to a programme for one territory, as mentor or mentee, with what it offers or needs per policy area. Visible only to its organisation and to the organiser's editors and hub admins.",
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'application' })
export class Application {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Exposed as `programme: Programme!`. */
  @Property({ type: 'uuid' })
  programmeId!: string;

  /** Organisation id of the applicant; exposed as `organisation: Organisation!`. */
  @Property({ type: 'text' })
  organisation!: string;

  /** NUTS code of the territory it applies for; exposed as `territory: Region!`. */
  @Property({ type: 'text' })
  territory!: string;

  @Field(() => ApplicationRole, { description: 'Mentor or mentee.' })
  @Property({ type: 'text' })
  role!: ApplicationRole;

  // at most one per policy area
  @ListSize(Object.keys(PolicyArea).length)
  @Field(() => [ApplicationArea], {
    description: 'What it offers (MENTOR) or needs (MENTEE), per policy area, each area at most once.',
  })
  @Property({ type: JsonType, columnType: 'jsonb' })
  areas: ApplicationArea[] & Opt = [];

  @Field(() => [String], { description: 'Languages it works in, as ISO 639-1 codes.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: string[] & Opt = [];

  @Field(() => ApplicationStatus, { description: 'Submitted or withdrawn.' })
  @Property({ type: 'text' })
  status: ApplicationStatus & Opt = ApplicationStatus.SUBMITTED;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was withdrawn; null while submitted.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  withdrawnAt: Date | null = null;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

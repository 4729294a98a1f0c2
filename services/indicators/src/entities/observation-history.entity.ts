import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ObservationStatus } from './enums';

/** A value an observation had before a correction replaced it. Rows are only ever added. */
@ObjectType('ObservationRevision', {
  description: 'A value an observation had before a correction replaced it.',
})
@Entity({ tableName: 'observation_history' })
@Index({ properties: ['observationId'] })
export class ObservationHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'uuid' })
  observationId!: string;

  @Field(() => Float, { nullable: true, description: 'The replaced value (null when it was suppressed).' })
  @Property({ type: 'double', nullable: true })
  value!: number | null;

  @Field(() => ObservationStatus, { description: 'The replaced quality flag.' })
  @Property({ type: 'text' })
  status!: ObservationStatus;

  @Field(() => Int, { description: 'The version the observation had with that value.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => String, { description: 'Dataset or "contribution" the replaced value came from.' })
  @Property({ type: 'text' })
  source!: string;

  /** Organisation that had contributed the replaced value (null: Eurostat import); GraphQL `contributedBy`. */
  @Property({ type: 'text', nullable: true })
  contributedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Subject (user id) of who made the correction.' })
  @Property({ type: 'text', nullable: true })
  replacedBySubject!: string | null;

  /** Organisation of who made the correction; GraphQL `replacedByOrganisation`. */
  @Property({ type: 'text', nullable: true })
  replacedByOrganisation!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the correction was committed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  replacedAt: Date & Opt = new Date();
}

import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Breakdown, ObservationStatus } from './enums';

/**
 * The current value of one indicator for one region, period and breakdown (one row per combination).
 * Corrections keep the replaced value in `observation_history`.
 */
@ObjectType('Observation', {
  description: 'The current value of an indicator for one region, year and population group.',
})
@Entity({ tableName: 'observation' })
@Unique({ properties: ['indicatorCode', 'regionCode', 'period', 'breakdown'] })
@Index({ properties: ['regionCode'] })
// Partial (`contributed_by IS NOT NULL`, migration 20261204-import-indexes): imported rows have none.
@Index({ properties: ['contributedBy'] })
export class Observation {
  @Field(() => ID, { description: 'Stable identifier of this observation.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string & Opt;

  @Property({ type: 'text' })
  indicatorCode!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  @Field(() => Int, { description: 'Reference year.' })
  @Property({ type: 'integer' })
  period!: number;

  @Field(() => Breakdown, { description: 'Population group the value describes.' })
  @Property({ type: 'text' })
  breakdown!: Breakdown;

  @Field(() => Float, {
    nullable: true,
    description: 'The value in the unit of the indicator; null when suppressed (status SUPPRESSED).',
  })
  @Property({ type: 'double', nullable: true })
  value!: number | null;

  @Field(() => ObservationStatus, { description: 'Quality flag of the value.' })
  @Property({ type: 'text' })
  status!: ObservationStatus;

  @Field(() => String, {
    description:
      'Dataset the value comes from: a Eurostat dataset code (for derived values, the dataset they are computed from), or "contribution" for values recorded by a partner.',
  })
  @Property({ type: 'text' })
  source!: string;

  /** Id of the organisation that recorded the current value (null: Eurostat import); GraphQL `contributedBy`. */
  @Property({ type: 'text', nullable: true })
  contributedBy!: string | null;

  @Field(() => Int, { description: 'Row version for optimistic locking; send it to correct this value.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When this observation was first recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When the current value was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

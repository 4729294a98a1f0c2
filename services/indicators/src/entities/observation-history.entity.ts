import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
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

  @Field(() => String, {
    nullable: true,
    description: 'Organisation that had contributed the replaced value (null: Eurostat import).',
  })
  @Property({ type: 'text', nullable: true })
  contributedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Subject (user id) of who made the correction.' })
  @Property({ type: 'text', nullable: true })
  replacedBySubject!: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation of who made the correction.' })
  @Property({ type: 'text', nullable: true })
  replacedByOrganisation!: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  replacedAt: Date & Opt = new Date();

  @Field(() => String, { name: 'replacedAt', description: 'When the correction was committed (ISO 8601).' })
  get replacedAtIso(): string & Opt {
    return new Date(this.replacedAt).toISOString() as string & Opt;
  }
}

/** One `recordObservations` call: which observations it wrote, so an idempotent retry returns them again. */
@Entity({ tableName: 'observation_batch' })
export class ObservationBatch {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', nullable: true })
  organisationId!: string | null;

  @Property({ type: 'text', nullable: true })
  subject!: string | null;

  @Property({ type: 'json' })
  observationIds!: string[];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date & Opt = new Date();
}

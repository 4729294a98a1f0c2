import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

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

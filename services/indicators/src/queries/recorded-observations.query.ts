import type { EntityManager } from '@mikro-orm/postgresql';
import { ObservationBatch } from '../entities/observation-batch.entity';
import { Observation } from '../entities/observation.entity';
import { RecordedObservations } from '../entities/recorded-observations.type';

/** A recorded batch with its observations as they are now, in the order they were recorded. */
export async function loadBatch(em: EntityManager, id: string): Promise<RecordedObservations> {
  const batch = await em.findOneOrFail(ObservationBatch, { id });
  const rows = await em.find(Observation, { id: { $in: batch.observationIds } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return Object.assign(new RecordedObservations(), {
    id,
    observations: batch.observationIds.map((observationId) => byId.get(observationId) as Observation),
  });
}

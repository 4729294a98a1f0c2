import { oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Organisation } from '../entities/organisation.entity';

/** An organisation by id (null when none has it). */
export function organisationByIdLoader(em: EntityManager) {
  return new DataLoader<string, Organisation | null>(async (ids) =>
    oneInKeyOrder(ids, await em.find(Organisation, { id: { $in: [...ids] } }), (row) => row.id),
  );
}

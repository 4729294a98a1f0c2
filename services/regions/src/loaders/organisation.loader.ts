import { oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Organisation } from '../entities/organisation.entity';
import { organisationsByIds } from '../queries/organisations.query';

/** An organisation by id (null when none has it). */
export function organisationByIdLoader(em: EntityManager) {
  return new DataLoader<string, Organisation | null>(async (ids) =>
    oneInKeyOrder(ids, await organisationsByIds(em, ids), (row) => row.id),
  );
}

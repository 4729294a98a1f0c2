import { oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Programme } from '../entities/programme.entity';

/** Programmes by id in one statement per request tick; a malformed id is simply not found. */
export function programmeByIdLoader(em: EntityManager) {
  return new DataLoader<string, Programme | null>(async (ids) => {
    const keys = ids.map((id) => id.toLowerCase());
    const valid = keys.filter((id) => UUID_PATTERN.test(id));
    const rows = valid.length ? await em.find(Programme, { id: { $in: valid } }) : [];
    return oneInKeyOrder(keys, rows, (row) => row.id);
  });
}

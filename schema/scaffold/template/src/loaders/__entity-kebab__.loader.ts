import { oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { __Entity__ } from '../entities/__entity-kebab__.entity';

/** __Entities_words__ by id in one statement per request tick; a malformed id is simply not found. */
export function __entity__ByIdLoader(em: EntityManager) {
  return new DataLoader<string, __Entity__ | null>(async (ids) => {
    const keys = ids.map((id) => id.toLowerCase());
    const valid = keys.filter((id) => UUID_PATTERN.test(id));
    const rows = valid.length ? await em.find(__Entity__, { id: { $in: valid } }) : [];
    return oneInKeyOrder(keys, rows, (row) => row.id);
  });
}

import { oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Event } from '../entities/event.entity';

/** Events by id, whatever their status (callers check visibility); a malformed id is simply not found. */
export function eventByIdLoader(em: EntityManager) {
  return new DataLoader<string, Event | null>(async (ids) => {
    const valid = ids.filter((id) => UUID_PATTERN.test(id)).map((id) => id.toLowerCase());
    const rows = valid.length ? await em.find(Event, { id: { $in: valid } }) : [];
    return oneInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.id,
    );
  });
}

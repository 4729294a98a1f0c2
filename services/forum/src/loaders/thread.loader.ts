import { oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Thread } from '../entities/thread.entity';

/** Ids that can be looked up in a `uuid` column (anything else would make PostgreSQL fail the statement). */
export const uuids = (ids: readonly string[]) => ids.filter((id) => UUID_PATTERN.test(id));

/** Threads by id (a malformed id is simply not found). */
export function threadByIdLoader(em: EntityManager) {
  return new DataLoader<string, Thread | null>(async (ids) =>
    oneInKeyOrder(ids, await em.find(Thread, { id: { $in: uuids(ids) } }), (thread) => thread.id),
  );
}

/** `Event.discussion`: the one thread per event (partial unique index on event_id). */
export function discussionByEventIdLoader(em: EntityManager) {
  return new DataLoader<string, Thread | null>(async (eventIds) =>
    oneInKeyOrder(
      eventIds,
      await em.find(Thread, { eventId: { $in: uuids(eventIds) } }),
      (thread) => thread.eventId ?? '',
    ),
  );
}

import { groupInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ThreadRegion } from '../entities/thread-region.entity';

/** `Thread.regions`: region codes per thread, ordered by code. */
export function regionCodesByThreadIdLoader(em: EntityManager) {
  return new DataLoader<string, string[]>(async (threadIds) =>
    groupInKeyOrder(
      threadIds,
      await em.find(ThreadRegion, { threadId: { $in: [...threadIds] } }, { orderBy: { regionCode: 'asc' } }),
      (row) => row.threadId,
    ).map((rows) => rows.map((row) => row.regionCode)),
  );
}

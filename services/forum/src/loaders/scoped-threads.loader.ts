import { batchByArguments, BY_JSON } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Thread } from '../entities/thread.entity';
import type { ThreadListFilter } from '../queries/thread-filter.query';
import {
  scopedThreadCounts,
  scopedThreadPages,
  type ThreadPageArgs,
  type ThreadScope,
} from '../queries/thread-lists.query';

export interface ScopedThreadsKey extends ThreadPageArgs {
  /** Region code or organisation id. */
  id: string;
  scope: ThreadScope;
}

export interface ScopedThreadCountKey {
  id: string;
  scope: ThreadScope;
  filter: ThreadListFilter;
}

/** `Region.threads` and `Organisation.threads`: one statement per scope and set of arguments. */
export function scopedThreadsLoader(em: EntityManager) {
  return new DataLoader<ScopedThreadsKey, Thread[], string>(
    (keys) =>
      batchByArguments(
        keys,
        (ids, { scope, ...args }) => scopedThreadPages(em, scope, ids, args),
        [] as Thread[],
      ),
    BY_JSON,
  );
}

/** Their `totalCount`: one grouped statement per scope and filter. */
export function scopedThreadCountLoader(em: EntityManager) {
  return new DataLoader<ScopedThreadCountKey, number, string>(
    (keys) =>
      batchByArguments(keys, (ids, { scope, filter }) => scopedThreadCounts(em, scope, ids, filter), 0),
    BY_JSON,
  );
}

import { batchByArguments, BY_JSON, groupInKeyOrder, oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Post } from '../entities/post.entity';
import { ThreadRegion } from '../entities/thread-region.entity';
import { Thread } from '../entities/thread.entity';
import type { ForumSettings } from '../limits';
import {
  scopedThreadCounts,
  scopedThreadPages,
  type ThreadListFilter,
  type ThreadPageArgs,
  type ThreadScope,
} from './thread-queries';

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

export interface PostsKey {
  /** Thread id. */
  id: string;
  first: number;
  /** Sort key (ISO time, post id) after which the page starts. */
  after: [string, string] | null;
}

/** Ids that can be looked up in a `uuid` column (anything else would make PostgreSQL fail the statement). */
const uuids = (ids: readonly string[]) => ids.filter((id) => UUID_PATTERN.test(id));

/**
 * One DataLoader per lookup, created per request so nothing is cached across callers. The kit's context has
 * one subgraph-specific slot, so this subgraph instance's settings (the posting limit) travel in it too.
 */
export function createForumLoaders(em: EntityManager, settings: ForumSettings) {
  return {
    settings,

    threadById: new DataLoader<string, Thread | null>(async (ids) =>
      oneInKeyOrder(ids, await em.find(Thread, { id: { $in: uuids(ids) } }), (thread) => thread.id),
    ),

    /** `Event.discussion`: the one thread per event (partial unique index on event_id). */
    discussionByEventId: new DataLoader<string, Thread | null>(async (eventIds) =>
      oneInKeyOrder(
        eventIds,
        await em.find(Thread, { eventId: { $in: uuids(eventIds) } }),
        (thread) => thread.eventId ?? '',
      ),
    ),

    regionCodesByThreadId: new DataLoader<string, string[]>(async (threadIds) =>
      groupInKeyOrder(
        threadIds,
        await em.find(
          ThreadRegion,
          { threadId: { $in: [...threadIds] } },
          { orderBy: { regionCode: 'asc' } },
        ),
        (row) => row.threadId,
      ).map((rows) => rows.map((row) => row.regionCode)),
    ),

    postById: new DataLoader<string, Post | null>(async (ids) =>
      oneInKeyOrder(ids, await em.find(Post, { id: { $in: uuids(ids) } }), (post) => post.id),
    ),

    /** `Thread.posts`: one page per thread, one statement per page size and cursor. */
    posts: new DataLoader<PostsKey, Post[], string>(
      (keys) =>
        batchByArguments(
          keys,
          async (threadIds, args) => {
            const afterSql = args.after ? 'AND (p.created_at, p.id) > (?::timestamptz, ?::uuid)' : '';
            const rows = await em.execute<Array<Record<string, unknown>>>(
              `SELECT * FROM (
                 SELECT p.*, row_number() OVER (PARTITION BY p.thread_id ORDER BY p.created_at, p.id) AS position
                 FROM post p WHERE p.thread_id IN (?) ${afterSql}
               ) page WHERE position <= ? ORDER BY thread_id, position`,
              [threadIds, ...(args.after ?? []), args.first + 1],
            );
            const posts = rows.map(({ position: _position, ...row }) => em.map(Post, row));
            const groups = groupInKeyOrder(threadIds, posts, (post) => post.threadId);
            return new Map(threadIds.map((id, index) => [id, groups[index] ?? []]));
          },
          [],
        ),
      BY_JSON,
    ),

    /** `Thread.posts { totalCount }`: every post of the thread, hidden ones included (they are listed). */
    postTotal: new DataLoader<string, number>(async (threadIds) => {
      const rows = await em.execute<Array<{ thread_id: string; n: string }>>(
        'SELECT thread_id, count(*) AS n FROM post WHERE thread_id IN (?) GROUP BY thread_id',
        [threadIds],
      );
      const counts = new Map(rows.map((row) => [row.thread_id, Number(row.n)]));
      return threadIds.map((id) => counts.get(id) ?? 0);
    }),

    /** `Region.threads` and `Organisation.threads`: one statement per scope and set of arguments. */
    scopedThreads: new DataLoader<ScopedThreadsKey, Thread[], string>(
      (keys) =>
        batchByArguments(keys, (ids, { scope, ...args }) => scopedThreadPages(em, scope, ids, args), []),
      BY_JSON,
    ),

    scopedThreadCount: new DataLoader<ScopedThreadCountKey, number, string>(
      (keys) =>
        batchByArguments(keys, (ids, { scope, filter }) => scopedThreadCounts(em, scope, ids, filter), 0),
      BY_JSON,
    ),
  };
}

export type ForumLoaders = ReturnType<typeof createForumLoaders>;

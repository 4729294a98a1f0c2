import {
  executeSql,
  NUTS_CODE_PATTERN,
  rawSql,
  regionAndDescendantsSql,
  sql,
  sqlList,
  type SqlFragment,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadOrder } from '../entities/enums';
import { Thread } from '../entities/thread.entity';
import { threadFilterSql, type ThreadListFilter } from './thread-filter.query';

/** Where a page starts: after the thread with this sort value and id. */
export interface ThreadListCursor {
  /** ISO 8601 time of the sort column (last activity or creation). */
  at: string;
  id: string;
}

export interface ThreadPageArgs {
  filter: ThreadListFilter;
  order: ThreadOrder;
  first: number;
  after: ThreadListCursor | null;
}

/** Lists scoped to many regions or organisations at once (`Region.threads`, `Organisation.threads`). */
export type ThreadScope = 'region' | 'organisation';

const SORT_COLUMN: Record<ThreadOrder, SqlFragment> = {
  [ThreadOrder.LAST_ACTIVITY_DESC]: rawSql('t.last_activity_at'),
  [ThreadOrder.CREATED_AT_DESC]: rawSql('t.created_at'),
};

/** The sort value of a thread in an order (what its cursor holds). */
export function sortValueOf(thread: Thread, order: ThreadOrder): Date {
  return order === ThreadOrder.CREATED_AT_DESC ? thread.createdAt : thread.lastActivityAt;
}

/** The filter and the cursor as one condition on `thread t`. */
function pageConditionSql(args: ThreadPageArgs): SqlFragment {
  const filter = threadFilterSql(args.filter);
  if (!args.after) return filter;
  return sql`${filter} AND (${SORT_COLUMN[args.order]}, t.id) < (${args.after.at}::timestamptz, ${args.after.id}::uuid)`;
}

function orderSql(order: ThreadOrder): SqlFragment {
  return sql`${SORT_COLUMN[order]} DESC, t.id DESC`;
}

function toThreads(em: EntityManager, rows: Array<Record<string, unknown>>): Thread[] {
  return rows.map(({ scope_key: _key, position: _position, ...row }) => em.map(Thread, row));
}

/** `threads`: one page (`first + 1` rows, the last only tells that more follow). */
export async function threadPage(em: EntityManager, args: ThreadPageArgs): Promise<Thread[]> {
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT t.* FROM thread t WHERE ${pageConditionSql(args)} ORDER BY ${orderSql(args.order)} LIMIT ${args.first + 1}`,
  );
  return toThreads(em, rows);
}

/** `threads { totalCount }`. */
export async function threadCount(em: EntityManager, filter: ThreadListFilter): Promise<number> {
  const [row] = await executeSql<{ n: string }>(
    em,
    sql`SELECT count(*) AS n FROM thread t WHERE ${threadFilterSql(filter)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * `FROM` pairing each scope key (`m.key`) with its threads (`t`). For regions, each code is matched with
 * its own and its descendants' thread_region rows (the kit's prefix match, which the text_pattern_ops index
 * serves per code), and DISTINCT keeps a thread once per code when it names several of its descendants.
 */
function scopeFromSql(scope: ThreadScope, keys: string[]): SqlFragment {
  const keyList = sql`unnest(ARRAY[${sqlList(keys)}]::text[])`;
  if (scope === 'organisation') {
    return sql`FROM ${keyList} AS m(key) JOIN thread t ON t.organisation_id = m.key`;
  }
  return sql`FROM (
      SELECT DISTINCT k.key, sr.thread_id
      FROM ${keyList} AS k(key)
      JOIN thread_region sr ON ${regionAndDescendantsSql(rawSql('sr.region_code'), rawSql('k.key'))}
    ) m
    JOIN thread t ON t.id = m.thread_id`;
}

/** Region codes must be NUTS codes (no LIKE wildcards); anything else matches nothing. */
function usableKeys(scope: ThreadScope, keys: string[]): string[] {
  return scope === 'region' ? keys.filter((key) => NUTS_CODE_PATTERN.test(key)) : keys;
}

/** One page per scope key, all in one statement (`row_number()` per key). */
export async function scopedThreadPages(
  em: EntityManager,
  scope: ThreadScope,
  keys: string[],
  args: ThreadPageArgs,
): Promise<Map<string, Thread[]>> {
  const pages = new Map<string, Thread[]>(keys.map((key) => [key, []]));
  const usable = usableKeys(scope, keys);
  if (usable.length === 0 || args.first === 0) return pages;
  const rows = await executeSql<Record<string, unknown> & { scope_key: string }>(
    em,
    sql`SELECT * FROM (
       SELECT m.key AS scope_key, t.*, row_number() OVER (PARTITION BY m.key ORDER BY ${orderSql(args.order)}) AS position
       ${scopeFromSql(scope, usable)}
       WHERE ${pageConditionSql(args)}
     ) page WHERE position <= ${args.first + 1} ORDER BY scope_key, position`,
  );
  for (const row of rows) {
    const [thread] = toThreads(em, [row]);
    pages.get(row.scope_key)?.push(thread!);
  }
  return pages;
}

/** The number of matching threads per scope key, in one grouped statement. */
export async function scopedThreadCounts(
  em: EntityManager,
  scope: ThreadScope,
  keys: string[],
  filter: ThreadListFilter,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  const usable = usableKeys(scope, keys);
  if (usable.length === 0) return counts;
  const rows = await executeSql<{ scope_key: string; n: string }>(
    em,
    sql`SELECT m.key AS scope_key, count(*) AS n ${scopeFromSql(scope, usable)}
      WHERE ${threadFilterSql(filter)} GROUP BY m.key`,
  );
  for (const row of rows) counts.set(row.scope_key, Number(row.n));
  return counts;
}

import { NUTS_CODE_PATTERN, regionAndDescendantsPattern, type PolicyArea, type Strand } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type TargetGroup, ThreadOrder, type ThreadStatus } from '../entities/enums';
import { Thread } from '../entities/thread.entity';

// SQL for lists of threads. Parameters go through MikroORM's `em.execute`, which quotes each value into the
// statement (an array becomes `'a', 'b'`): hence `ARRAY[?]::text[]` for arrays and `IN (?)` for lists.

/** A validated `ThreadFilter` (see resolvers/thread-filter.ts): null or absent means "no restriction". */
export interface ThreadListFilter {
  /** NUTS code: the region and its descendants. */
  region: string | null;
  organisation: string | null;
  /** A UUID. */
  event: string | null;
  strands: Strand[] | null;
  policyAreas: PolicyArea[] | null;
  targetGroups: TargetGroup[] | null;
  /** Never empty. */
  statuses: ThreadStatus[];
  /** Folded with `normaliseSearchText`, never empty. */
  search: string | null;
}

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

const SORT_COLUMN: Record<ThreadOrder, string> = {
  [ThreadOrder.LAST_ACTIVITY_DESC]: 't.last_activity_at',
  [ThreadOrder.CREATED_AT_DESC]: 't.created_at',
};

/** The sort value of a thread in an order (what its cursor holds). */
export function sortValueOf(thread: Thread, order: ThreadOrder): Date {
  return order === ThreadOrder.CREATED_AT_DESC ? thread.createdAt : thread.lastActivityAt;
}

interface Sql {
  conditions: string[];
  params: unknown[];
}

/** The filter as SQL conditions on `thread t`, ANDed. */
function filterSql(filter: ThreadListFilter): Sql {
  const sql: Sql = { conditions: [], params: [] };
  const add = (condition: string, ...params: unknown[]) => {
    sql.conditions.push(condition);
    sql.params.push(...params);
  };
  if (filter.region) {
    // A constant LIKE prefix: the planner uses the text_pattern_ops index on thread_region.region_code.
    add(
      'EXISTS (SELECT 1 FROM thread_region fr WHERE fr.thread_id = t.id AND fr.region_code LIKE ?)',
      regionAndDescendantsPattern(filter.region),
    );
  }
  if (filter.organisation) add('t.organisation_id = ?', filter.organisation);
  if (filter.event) add('t.event_id = ?::uuid', filter.event);
  if (filter.strands) add('t.strand IN (?)', filter.strands);
  if (filter.policyAreas) add('t.policy_areas && ARRAY[?]::text[]', filter.policyAreas);
  if (filter.targetGroups) add('t.target_groups && ARRAY[?]::text[]', filter.targetGroups);
  add('t.status IN (?)', filter.statuses);
  // The folded form holds only letters, digits and single spaces: nothing to escape for LIKE.
  if (filter.search) add('t.search LIKE ?', `%${filter.search}%`);
  return sql;
}

function pageSql(args: ThreadPageArgs): {
  where: string;
  params: unknown[];
  orderBy: string;
  partitionOrder: string;
} {
  const { conditions, params } = filterSql(args.filter);
  const column = SORT_COLUMN[args.order];
  if (args.after) {
    conditions.push(`(${column}, t.id) < (?::timestamptz, ?::uuid)`);
    params.push(args.after.at, args.after.id);
  }
  return {
    where: conditions.join(' AND '),
    params,
    orderBy: `${column} DESC, t.id DESC`,
    partitionOrder: `${column} DESC, t.id DESC`,
  };
}

function toThreads(em: EntityManager, rows: Array<Record<string, unknown>>): Thread[] {
  return rows.map(({ scope_key: _key, position: _position, ...row }) => em.map(Thread, row));
}

/** `threads`: one page (`first + 1` rows, the last only tells that more follow). */
export async function threadPage(em: EntityManager, args: ThreadPageArgs): Promise<Thread[]> {
  const { where, params, orderBy } = pageSql(args);
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `SELECT t.* FROM thread t WHERE ${where} ORDER BY ${orderBy} LIMIT ?`,
    [...params, args.first + 1],
  );
  return toThreads(em, rows);
}

/** `threads { totalCount }`. */
export async function threadCount(em: EntityManager, filter: ThreadListFilter): Promise<number> {
  const { conditions, params } = filterSql(filter);
  const [row] = await em.execute<Array<{ n: string }>>(
    `SELECT count(*) AS n FROM thread t WHERE ${conditions.join(' AND ')}`,
    params,
  );
  return Number(row?.n ?? 0);
}

/**
 * `FROM` pairing each scope key (`m.key`) with its threads (`t`). For regions, each code is matched with
 * its own and its descendants' thread_region rows; the range conditions let the planner scan the
 * text_pattern_ops index per code (a LIKE whose pattern is computed per row cannot use it), and DISTINCT
 * keeps a thread once per code when it names several of its descendants.
 */
function scopeFrom(scope: ThreadScope): string {
  if (scope === 'organisation') {
    return 'FROM unnest(ARRAY[?]::text[]) AS m(key) JOIN thread t ON t.organisation_id = m.key';
  }
  return `FROM (
      SELECT DISTINCT k.key, sr.thread_id
      FROM unnest(ARRAY[?]::text[]) AS k(key)
      JOIN thread_region sr
        ON sr.region_code ~>=~ k.key AND sr.region_code ~<=~ (k.key || 'ZZZ') AND sr.region_code LIKE k.key || '%'
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
  const { where, params, partitionOrder } = pageSql(args);
  const rows = await em.execute<Array<Record<string, unknown> & { scope_key: string }>>(
    `SELECT * FROM (
       SELECT m.key AS scope_key, t.*, row_number() OVER (PARTITION BY m.key ORDER BY ${partitionOrder}) AS position
       ${scopeFrom(scope)}
       WHERE ${where}
     ) page WHERE position <= ? ORDER BY scope_key, position`,
    [usable, ...params, args.first + 1],
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
  const { conditions, params } = filterSql(filter);
  const rows = await em.execute<Array<{ scope_key: string; n: string }>>(
    `SELECT m.key AS scope_key, count(*) AS n ${scopeFrom(scope)} WHERE ${conditions.join(' AND ')} GROUP BY m.key`,
    [usable, ...params],
  );
  for (const row of rows) counts.set(row.scope_key, Number(row.n));
  return counts;
}

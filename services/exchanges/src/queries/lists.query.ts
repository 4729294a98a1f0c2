import {
  decodeCursor,
  executeSql,
  rawSql,
  regionAndDescendantsSql,
  sql,
  sqlList,
  type SqlFragment,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pairingVisibleSql, programmeVisibleSql, type Viewer } from './visibility.query';

/**
 * Every list of this subgraph is "the rows of one table tied to a key", newest first: programmes of an
 * organisation (or of the whole hub, key `*`), pairings of a programme, region or organisation, applications
 * of a programme. Each is a table alias, a visibility rule and a condition on the per-row key `k.key`.
 */
export const LISTS = {
  programmes: {
    table: 'programme p',
    alias: 'p',
    visible: programmeVisibleSql,
    scope: rawSql(`(k.key = '*' OR p.organiser = k.key)`),
  },
  programmePairings: {
    table: 'pairing g',
    alias: 'g',
    visible: pairingVisibleSql,
    scope: rawSql('g.programme_id = k.key::uuid'),
  },
  regionPairings: {
    table: 'pairing g',
    alias: 'g',
    visible: pairingVisibleSql,
    scope: sql`(${regionAndDescendantsSql(rawSql('g.mentor_territory'), rawSql('k.key'))} OR ${regionAndDescendantsSql(rawSql('g.mentee_territory'), rawSql('k.key'))})`,
  },
  organisationPairings: {
    table: 'pairing g',
    alias: 'g',
    visible: pairingVisibleSql,
    scope: rawSql('(g.mentor_organisation = k.key OR g.mentee_organisation = k.key)'),
  },
  programmeApplications: {
    table: 'application a',
    alias: 'a',
    visible: applicationVisibleSql,
    scope: rawSql('a.programme_id = k.key::uuid'),
  },
} satisfies Record<string, ScopedList>;

export type ListName = keyof typeof LISTS;

interface ScopedList {
  /** `table alias` */
  table: string;
  alias: string;
  visible: (viewer: Viewer) => SqlFragment;
  scope: SqlFragment;
}

/** A page request: size, cursor, and an optional status every row must have. */
export interface ScopedPageArgs {
  first: number;
  after: string | null;
  status: string | null;
}

/** Applications: the organisation's own, or all of a programme the viewer organises as editor (admins: all). */
function applicationVisibleSql(viewer: Viewer): SqlFragment {
  if (viewer.admin) return rawSql('TRUE');
  if (!viewer.organisation) return rawSql('FALSE');
  const asOrganiser = viewer.organiserEditorOf
    ? sql` OR EXISTS (SELECT 1 FROM programme p WHERE p.id = a.programme_id AND p.organiser = ${viewer.organiserEditorOf})`
    : rawSql('');
  return sql`(a.organisation = ${viewer.organisation}${asOrganiser})`;
}

/** The cursor of a row: newest first, ties by id. */
export function cursorKey(row: { createdAt: Date; id: string }): [number, string] {
  return [row.createdAt.getTime(), row.id];
}

/** The conditions of a list's rows for a viewer and page (the cursor validated). */
function conditionsSql(list: ScopedList, viewer: Viewer, args: Omit<ScopedPageArgs, 'first'>): SqlFragment {
  const a = list.alias;
  const status = args.status ? sql` AND ${rawSql(a)}.status = ${args.status}` : rawSql('');
  let after = rawSql('');
  if (args.after) {
    const [time, id] = decodeCursor(args.after, 2);
    const at = new Date(Number(time));
    after = sql` AND (${rawSql(a)}.created_at, ${rawSql(a)}.id) < (${at}::timestamptz, ${String(id)}::uuid)`;
  }
  return sql`${list.visible(viewer)} AND ${list.scope}${status}${after}`;
}

/** Fails early (BAD_USER_INPUT at `after`) on a cursor this list did not give. */
export function checkCursor(after: string | null): void {
  if (after) decodeCursor(after, 2);
}

/**
 * One page (`first + 1` ids, to tell whether more follow) per key, for any number of keys in ONE statement: the
 * keys are an `unnest` list joined LATERALly to the page of each.
 */
export async function scopedIds(
  em: EntityManager,
  name: ListName,
  viewer: Viewer,
  keys: string[],
  args: ScopedPageArgs,
): Promise<Map<string, string[]>> {
  const list = LISTS[name];
  const a = rawSql(list.alias);
  const rows = await executeSql<{ key: string; id: string }>(
    em,
    sql`SELECT k.key, x.id FROM unnest(ARRAY[${sqlList(keys)}]::text[]) AS k(key)
        CROSS JOIN LATERAL (
          SELECT ${a}.id FROM ${rawSql(list.table)} WHERE ${conditionsSql(list, viewer, args)}
          ORDER BY ${a}.created_at DESC, ${a}.id DESC LIMIT ${args.first + 1}
        ) x`,
  );
  const pages = new Map<string, string[]>(keys.map((key) => [key, []]));
  for (const row of rows) pages.get(row.key)?.push(row.id);
  return pages;
}

/** The `totalCount` of each key's list, in one grouped statement. */
export async function scopedCounts(
  em: EntityManager,
  name: ListName,
  viewer: Viewer,
  keys: string[],
  status: string | null,
): Promise<Map<string, number>> {
  const list = LISTS[name];
  const rows = await executeSql<{ key: string; n: string }>(
    em,
    sql`SELECT k.key, count(${rawSql(list.alias)}.id) AS n FROM unnest(ARRAY[${sqlList(keys)}]::text[]) AS k(key)
        LEFT JOIN ${rawSql(list.table)} ON ${conditionsSql(list, viewer, { after: null, status })}
        GROUP BY k.key`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

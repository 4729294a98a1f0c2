import { executeSql, rawSql, regionAndDescendantsSql, sql, sqlList, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventOrder } from '../entities/enums';
import { Event } from '../entities/event.entity';
import { eventFilterSql, type NormalisedEventFilter } from './event-filter.query';
import { afterCursorSql, orderSql, type EventCursor } from './event-order.query';
import type { Viewer } from './visibility.query';

export interface EventListQuery {
  filter: NormalisedEventFilter;
  viewer: Viewer;
}

export interface EventPageQuery extends EventListQuery {
  order: EventOrder;
  /** Rows to fetch: the page size plus one, to tell whether a next page exists. */
  limit: number;
  after: EventCursor | null;
}

/** What a batch key of `Region.events` / `Organisation.events` is matched against. */
export type EventScope = 'region' | 'organisation';

/**
 * The ids of the events in scope of each batch key `k.key` (used as a LATERAL subquery): events hosted in the
 * region or any NUTS descendant (the kit's prefix match, which the text_pattern_ops index serves), or events the
 * organisation organises or created.
 */
const SCOPE_MEMBERS: Record<EventScope, SqlFragment> = {
  region: sql`SELECT DISTINCT h.event_id FROM event_host_region h
    WHERE ${regionAndDescendantsSql(rawSql('h.region_code'), rawSql('k.key'))}`,
  organisation:
    rawSql(`SELECT o.event_id FROM event_organiser o WHERE o.organisation_id = k.key AND o.accepted
    UNION SELECT c.id AS event_id FROM event c WHERE c.created_by = k.key`),
};

type Row = Record<string, unknown>;

function toEvents(em: EntityManager, rows: Row[]): Event[] {
  return rows.map(({ batch_key: _key, batch_position: _position, ...row }) => em.map(Event, row));
}

function run(em: EntityManager, query: SqlFragment): Promise<Row[]> {
  return executeSql<Row>(em, query);
}

/** One page of `events`: one statement. */
export async function findEventPage(em: EntityManager, query: EventPageQuery): Promise<Event[]> {
  const rows = await run(
    em,
    sql`SELECT e.* FROM event e
      WHERE ${eventFilterSql(query.filter, query.viewer)} AND ${afterCursorSql(query.order, query.after)}
      ORDER BY ${orderSql(query.order)} LIMIT ${query.limit}`,
  );
  return toEvents(em, rows);
}

/** `totalCount` of `events`: one statement. */
export async function countEvents(em: EntityManager, query: EventListQuery): Promise<number> {
  const [row] = await run(
    em,
    sql`SELECT count(*)::int AS n FROM event e WHERE ${eventFilterSql(query.filter, query.viewer)}`,
  );
  return Number(row?.n ?? 0);
}

function scopedEvents(scope: EventScope, keys: string[]): SqlFragment {
  return sql`unnest(ARRAY[${sqlList(keys)}]::text[]) AS k(key)
    JOIN LATERAL (${SCOPE_MEMBERS[scope]}) m ON TRUE
    JOIN event e ON e.id = m.event_id`;
}

/**
 * One page per key (region code or organisation id), for any number of keys, in one statement: rows are
 * numbered per key in list order and cut at the page size.
 */
export async function findEventPagesByScope(
  em: EntityManager,
  scope: EventScope,
  keys: string[],
  query: EventPageQuery,
): Promise<Map<string, Event[]>> {
  const rows = await run(
    em,
    sql`SELECT page.* FROM (
      SELECT e.*, k.key AS batch_key,
        row_number() OVER (PARTITION BY k.key ORDER BY ${orderSql(query.order)}) AS batch_position
      FROM ${scopedEvents(scope, keys)}
      WHERE ${eventFilterSql(query.filter, query.viewer)} AND ${afterCursorSql(query.order, query.after)}
    ) page WHERE page.batch_position <= ${query.limit} ORDER BY page.batch_key, page.batch_position`,
  );
  const pages = new Map<string, Event[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const [event] = toEvents(em, [row]);
    pages.get(String(row.batch_key))?.push(event as Event);
  }
  return pages;
}

/** `totalCount` per key, for any number of keys, in one grouped statement. */
export async function countEventsByScope(
  em: EntityManager,
  scope: EventScope,
  keys: string[],
  query: EventListQuery,
): Promise<Map<string, number>> {
  const rows = await run(
    em,
    sql`SELECT k.key AS batch_key, count(*)::int AS n FROM ${scopedEvents(scope, keys)}
      WHERE ${eventFilterSql(query.filter, query.viewer)} GROUP BY k.key`,
  );
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const row of rows) counts.set(String(row.batch_key), Number(row.n));
  return counts;
}

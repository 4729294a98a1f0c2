import { executeSql, groupInKeyOrder, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The join tables of an event: its host regions and its organisers. */
export const EVENT_LINKS = {
  hostRegions: { table: 'event_host_region', column: 'region_code' },
  organisers: { table: 'event_organiser', column: 'organisation_id' },
} as const;

export type EventLink = keyof typeof EVENT_LINKS;

/** Rows of a join table, grouped per event id in key order (one statement per page of events). */
export async function linkedKeys(
  em: EntityManager,
  eventIds: readonly string[],
  link: EventLink,
): Promise<string[][]> {
  const table = rawSql(EVENT_LINKS[link].table);
  const column = rawSql(EVENT_LINKS[link].column);
  const rows = await executeSql<{ event_id: string; value: string }>(
    em,
    sql`SELECT event_id, ${column} AS value FROM ${table}
      WHERE event_id IN (${sqlList(eventIds)}) ORDER BY ${column} COLLATE "C"`,
  );
  return groupInKeyOrder(eventIds, rows, (row) => row.event_id).map((group) => group.map((row) => row.value));
}

import { executeSql, groupInKeyOrder, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The join tables of an event: its host regions, its organisers (named by the creating organisation and
 * accepted: the creator itself at once, any other when it accepts), and the organisations named but not yet
 * accepted (`pendingOrganisers`).
 */
export const EVENT_LINKS = {
  hostRegions: { table: 'event_host_region', column: 'region_code', where: null },
  organisers: { table: 'event_organiser', column: 'organisation_id', where: 'accepted' },
  pendingOrganisers: { table: 'event_organiser', column: 'organisation_id', where: 'NOT accepted' },
} as const;

export type EventLink = keyof typeof EVENT_LINKS;

/** Rows of a join table, grouped per event id in key order (one statement per page of events). */
export async function linkedKeys(
  em: EntityManager,
  eventIds: readonly string[],
  link: EventLink,
): Promise<string[][]> {
  const { table, column, where } = EVENT_LINKS[link];
  const rows = await executeSql<{ event_id: string; value: string }>(
    em,
    sql`SELECT event_id, ${rawSql(column)} AS value FROM ${rawSql(table)}
      WHERE event_id IN (${sqlList(eventIds)})${where ? rawSql(` AND ${where}`) : rawSql('')}
      ORDER BY ${rawSql(column)} COLLATE "C"`,
  );
  return groupInKeyOrder(eventIds, rows, (row) => row.event_id).map((group) => group.map((row) => row.value));
}

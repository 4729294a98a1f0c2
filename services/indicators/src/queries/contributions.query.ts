import { executeSql, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Observation } from '../entities/observation.entity';

/** Sort key of a contribution list (indicator, region, period, breakdown): also its cursor. */
export type ContributionSortKey = [indicator: string, region: string, period: number, breakdown: string];

/**
 * For each organisation, up to `limit` observations it recorded after `after`, ordered by indicator, region,
 * period and breakdown: one statement for all organisations of a request (a window per organisation).
 */
export async function contributionPages(
  em: EntityManager,
  organisationIds: readonly string[],
  limit: number,
  after: ContributionSortKey | null,
): Promise<Observation[]> {
  const afterKey = after
    ? sql`AND (indicator_code, region_code, period, breakdown) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})`
    : rawSql('');
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT * FROM (
          SELECT o.*, row_number() OVER (
            PARTITION BY contributed_by ORDER BY indicator_code, region_code, period, breakdown
          ) AS position
          FROM observation o WHERE contributed_by IN (${sqlList(organisationIds)}) ${afterKey}
        ) page WHERE position <= ${limit} ORDER BY contributed_by, position`,
  );
  return rows.map(({ position: _position, ...row }) => em.map(Observation, row));
}

/** How many current observations each organisation recorded, in the order of `organisationIds`. */
export async function contributionCounts(
  em: EntityManager,
  organisationIds: readonly string[],
): Promise<number[]> {
  const rows = await executeSql<{ contributed_by: string; n: string }>(
    em,
    sql`SELECT contributed_by, count(*) AS n FROM observation
        WHERE contributed_by IN (${sqlList(organisationIds)}) GROUP BY contributed_by`,
  );
  const counts = new Map(rows.map((row) => [row.contributed_by, Number(row.n)]));
  return organisationIds.map((id) => counts.get(id) ?? 0);
}

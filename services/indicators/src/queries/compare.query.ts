import { executeSql, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Breakdown } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { chooseDefaultPeriod } from './default-period.query';

/**
 * The year a comparison without `period` shows (see `chooseDefaultPeriod`): the regions compared are the
 * regions asked, counted in a year when they have a value of one of `breakdowns` (all when empty).
 */
export async function defaultComparePeriod(
  em: EntityManager,
  indicator: string,
  regionCodes: readonly string[],
  breakdowns: readonly Breakdown[],
): Promise<number | null> {
  const rows = await executeSql<{ period: number; regions: string }>(
    em,
    sql`SELECT o.period, count(DISTINCT o.region_code) AS regions FROM observation o
        WHERE o.indicator_code = ${indicator} AND o.region_code IN (${sqlList(regionCodes)})
          AND o.value IS NOT NULL
          ${breakdowns.length ? sql`AND o.breakdown IN (${sqlList(breakdowns)})` : rawSql('')}
        GROUP BY o.period`,
  );
  return chooseDefaultPeriod(
    rows.map((row) => ({ period: row.period, regions: Number(row.regions) })),
    regionCodes.length,
  );
}

/** The observations of `regionCodes` for one indicator in `period`, ordered by region and breakdown. */
export async function comparedObservations(
  em: EntityManager,
  indicator: string,
  regionCodes: readonly string[],
  period: number,
): Promise<Observation[]> {
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT o.* FROM observation o
        WHERE o.indicator_code = ${indicator} AND o.region_code IN (${sqlList(regionCodes)}) AND o.period = ${period}
        ORDER BY o.region_code, o.breakdown`,
  );
  return rows.map((row) => em.map(Observation, row));
}

/** A difference of two values without floating-point noise (75.6 − 66.7 = 8.9, not 8.899999999999991). */
export function difference(first: number, second: number): number {
  return Math.round((first - second) * 1e6) / 1e6;
}

import { executeSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Observation } from '../entities/observation.entity';

/**
 * The observations of `regionCodes` for one indicator in `period`, or, without one, in the latest year with
 * values of the indicator for any of them; ordered by region and breakdown.
 */
export async function comparedObservations(
  em: EntityManager,
  indicator: string,
  regionCodes: readonly string[],
  period: number | null,
): Promise<Observation[]> {
  const year =
    period !== null
      ? sql`${period}`
      : sql`(SELECT max(p.period) FROM observation p
             WHERE p.indicator_code = ${indicator} AND p.region_code IN (${sqlList(regionCodes)}))`;
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT o.* FROM observation o
        WHERE o.indicator_code = ${indicator} AND o.region_code IN (${sqlList(regionCodes)}) AND o.period = ${year}
        ORDER BY o.region_code, o.breakdown`,
  );
  return rows.map((row) => em.map(Observation, row));
}

/** A difference of two values without floating-point noise (75.6 − 66.7 = 8.9, not 8.899999999999991). */
export function difference(first: number, second: number): number {
  return Math.round((first - second) * 1e6) / 1e6;
}

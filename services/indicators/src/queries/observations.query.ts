import {
  executeSql,
  joinSql,
  rawSql,
  regionAndDescendantsSql,
  sql,
  sqlList,
  type SqlFragment,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Breakdown } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import type { ObservationsArgs } from '../inputs/observations.input';
import { countryCode } from './indicator.query';

const REGION_CODE = rawSql('o.region_code');

/** Sort key of `observations` (region, period, breakdown): also its cursor. */
export type ObservationSortKey = [region: string, period: number, breakdown: string];

/**
 * The filter of `observations(...)` for one (known) indicator. Level and country come from the code: level =
 * length − 2, country = the level-0 region whose code starts it. An empty `regions` or `periods` matches nothing.
 */
export function observationsWhere(indicatorCode: string, args: ObservationsArgs): SqlFragment {
  const conditions = [sql`o.indicator_code = ${indicatorCode}`];
  if (args.regions) {
    const codes = args.regions.map((code) => code.trim().toUpperCase());
    conditions.push(codes.length ? sql`o.region_code IN (${sqlList(codes)})` : rawSql('FALSE'));
  }
  if (args.level !== null && args.level !== undefined) {
    conditions.push(sql`length(o.region_code) = ${args.level + 2}`);
  }
  if (args.country) conditions.push(regionAndDescendantsSql(REGION_CODE, countryCode(args.country)));
  if (args.periods) {
    conditions.push(args.periods.length ? sql`o.period IN (${sqlList(args.periods)})` : rawSql('FALSE'));
  }
  if (args.breakdown) conditions.push(sql`o.breakdown = ${args.breakdown}`);
  return joinSql(conditions, ' AND ');
}

/** Up to `limit` observations matching `where` after `after`, ordered by region, period and breakdown. */
export async function listObservations(
  em: EntityManager,
  where: SqlFragment,
  after: ObservationSortKey | null,
  limit: number,
): Promise<Observation[]> {
  const page = after
    ? sql`${where} AND (o.region_code, o.period, o.breakdown) > (${after[0]}, ${after[1]}, ${after[2]})`
    : where;
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT o.* FROM observation o WHERE ${page}
        ORDER BY o.region_code, o.period, o.breakdown LIMIT ${limit}`,
  );
  return rows.map((row) => em.map(Observation, row));
}

/** How many observations match `where` (the connection's `totalCount`). */
export async function countObservations(em: EntityManager, where: SqlFragment): Promise<number> {
  const [row] = await executeSql<{ n: string }>(
    em,
    sql`SELECT count(*) AS n FROM observation o WHERE ${where}`,
  );
  return Number(row?.n ?? 0);
}

/** `series`: one indicator's observations of one region and breakdown, by year (a plain entity load). */
export function seriesOf(
  em: EntityManager,
  query: {
    indicator: string;
    region: string;
    breakdown: Breakdown;
    from?: number | null;
    to?: number | null;
  },
): Promise<Observation[]> {
  const period = {
    ...(query.from !== null && query.from !== undefined ? { $gte: query.from } : {}),
    ...(query.to !== null && query.to !== undefined ? { $lte: query.to } : {}),
  };
  return em.find(
    Observation,
    {
      indicatorCode: query.indicator,
      regionCode: query.region.trim().toUpperCase(),
      breakdown: query.breakdown,
      ...(Object.keys(period).length ? { period } : {}),
    },
    { orderBy: { period: 'asc' } },
  );
}

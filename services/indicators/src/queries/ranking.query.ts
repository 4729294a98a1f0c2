import { executeSql, joinSql, rawSql, regionAndDescendantsSql, sql, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Breakdown, RankingOrder } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { chooseDefaultPeriod } from './default-period.query';
import { countryCode } from './indicator.query';

/** The EU-27 aggregate's code in Eurostat datasets. */
export const EU_CODE = 'EU27_2020';

/** What a ranking ranks: one indicator and breakdown in one year, optionally one level and country. */
export interface RankingScope {
  indicator: string;
  breakdown: Breakdown;
  /** The year; null: the default year (`defaultRankingPeriod`). */
  period: number | null;
  level: number | null;
  country: string | null;
  orderBy: RankingOrder;
}

/**
 * Sort key of a ranking (period, order, value, region): also its cursor, so every page ranks the same year in
 * the same order.
 */
export type RankingSortKey = [period: number, orderBy: RankingOrder, value: number, region: string];

export interface RankedObservation {
  rank: number;
  observation: Observation;
}

/** The regions in scope with a value, in any year: indicator, breakdown, level, country. */
function scopeWhere(scope: RankingScope): SqlFragment {
  const conditions = [
    sql`o.indicator_code = ${scope.indicator}`,
    sql`o.breakdown = ${scope.breakdown}`,
    sql`o.value IS NOT NULL`,
  ];
  if (scope.level !== null) conditions.push(sql`length(o.region_code) = ${scope.level + 2}`);
  if (scope.country) {
    conditions.push(regionAndDescendantsSql(rawSql('o.region_code'), countryCode(scope.country)));
  }
  return joinSql(conditions, ' AND ');
}

/** The observations ranked: those in scope in the year ranked. */
function rankingWhere(scope: RankedScope): SqlFragment {
  return sql`${scopeWhere(scope)} AND o.period = ${scope.period}`;
}

/** A ranking's scope with the year it ranks. */
export type RankedScope = RankingScope & { period: number };

/**
 * The year a ranking without `period` ranks (see `chooseDefaultPeriod`): the regions compared are those in scope
 * with a value in any year. Null when none has one.
 */
export async function defaultRankingPeriod(em: EntityManager, scope: RankingScope): Promise<number | null> {
  const rows = await executeSql<{ period: number; regions: string; compared: string }>(
    em,
    sql`WITH scoped AS (SELECT o.region_code, o.period FROM observation o WHERE ${scopeWhere(scope)})
        SELECT period, count(*) AS regions, (SELECT count(DISTINCT region_code) FROM scoped) AS compared
        FROM scoped GROUP BY period`,
  );
  return chooseDefaultPeriod(
    rows.map((row) => ({ period: row.period, regions: Number(row.regions) })),
    Number(rows[0]?.compared ?? 0),
  );
}

/**
 * Up to `limit` ranked observations after `after`. Ranks are competition ranks over every matching region
 * (`rank()`: equal values share a rank, the next rank skips), whatever the page.
 */
export async function rankedPage(
  em: EntityManager,
  scope: RankedScope,
  after: RankingSortKey | null,
  limit: number,
): Promise<RankedObservation[]> {
  const descending = scope.orderBy === RankingOrder.VALUE_DESC;
  const direction = rawSql(descending ? 'DESC' : 'ASC');
  const beyond = rawSql(descending ? '<' : '>');
  const afterKey = after
    ? sql`WHERE (ranked.value ${beyond} ${after[2]} OR (ranked.value = ${after[2]} AND ranked.region_code > ${after[3]}))`
    : rawSql('');
  const rows = await executeSql<Record<string, unknown> & { rank: string }>(
    em,
    sql`SELECT * FROM (
          SELECT o.*, rank() OVER (ORDER BY o.value ${direction}) AS rank
          FROM observation o WHERE ${rankingWhere(scope)}
        ) ranked ${afterKey}
        ORDER BY ranked.value ${direction}, ranked.region_code LIMIT ${limit}`,
  );
  return rows.map(({ rank, ...row }) => ({ rank: Number(rank), observation: em.map(Observation, row) }));
}

/** How many regions a ranking ranks (the connection's `totalCount`). */
export async function countRanked(em: EntityManager, scope: RankedScope): Promise<number> {
  const [row] = await executeSql<{ n: string }>(
    em,
    sql`SELECT count(*) AS n FROM observation o WHERE ${rankingWhere(scope)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The values of the countries (level-0 codes) of `regionCodes` and of the EU-27, for the same indicator,
 * breakdown and year: region code → value.
 */
export async function aggregateValues(
  em: EntityManager,
  scope: Pick<RankingScope, 'indicator' | 'breakdown'> & { period: number },
  regionCodes: readonly string[],
): Promise<Map<string, number | null>> {
  const countries = [...new Set(regionCodes.map((code) => code.slice(0, 2)))];
  const rows = await em.find(Observation, {
    indicatorCode: scope.indicator,
    breakdown: scope.breakdown,
    period: scope.period,
    regionCode: { $in: [...countries, EU_CODE] },
  });
  return new Map(rows.map((row) => [row.regionCode, row.value]));
}

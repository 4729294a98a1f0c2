import { BY_JSON, executeSql, joinSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Breakdown } from '../entities/enums';
import { EU27_COUNTRIES } from '../seeds/labels.data';

/** The regions an observation's context compares it with: NUTS 2 regions of one country, same indicator, breakdown, year. */
export interface ContextKey {
  indicator: string;
  breakdown: Breakdown;
  period: number;
  /** Level-0 code. */
  country: string;
}

/** Median and range of a set of NUTS 2 regions' values. */
export interface Spread {
  regionCount: number;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface CountryContext {
  /** Competition ranks per region code: highest value first (`desc`) and lowest first (`asc`). */
  ranks: Map<string, { desc: number; asc: number }>;
  country: Spread;
  eu: Spread;
}

const NONE: Spread = { regionCount: 0, median: null, min: null, max: null };

interface SpreadRow {
  indicator_code: string;
  breakdown: string;
  period: number;
  /** Null: the EU-27 row. */
  country: string | null;
  n: string;
  median: number | null;
  min: number | null;
  max: number | null;
}

interface RankRow {
  indicator_code: string;
  breakdown: string;
  period: number;
  region_code: string;
  rank_desc: string;
  rank_asc: string;
}

/** NUTS 2 codes are 4 characters; the EU-27's own aggregates (`EU27_2020`) and other levels are left out. */
const NUTS2 = sql`length(o.region_code) = 4 AND o.value IS NOT NULL`;

/**
 * `Observation.context`: two statements per batch, whatever the number of keys (one for the spreads of every
 * country asked and of the EU-27, one for the ranks), computed by PostgreSQL (percentile_cont, min, max, rank).
 */
export function observationContextLoader(em: EntityManager) {
  return new DataLoader<ContextKey, CountryContext, string>(async (keys) => {
    const tuples = joinSql(
      keys.map((key) => sql`(${key.indicator}, ${key.breakdown}, ${key.period}::integer, ${key.country})`),
      ', ',
    );
    const series = [
      ...new Map(keys.map((key) => [`${key.indicator}/${key.breakdown}/${key.period}`, key])).values(),
    ];
    const seriesTuples = joinSql(
      series.map((key) => sql`(${key.indicator}, ${key.breakdown}, ${key.period}::integer)`),
      ', ',
    );
    const spreadColumns = sql`count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY o.value) AS median,
                              min(o.value) AS min, max(o.value) AS max`;
    const spreads = await executeSql<SpreadRow>(
      em,
      sql`SELECT o.indicator_code, o.breakdown, o.period, left(o.region_code, 2) AS country, ${spreadColumns}
          FROM observation o
          WHERE ${NUTS2} AND (o.indicator_code, o.breakdown, o.period, left(o.region_code, 2)) IN (${tuples})
          GROUP BY o.indicator_code, o.breakdown, o.period, left(o.region_code, 2)
          UNION ALL
          SELECT o.indicator_code, o.breakdown, o.period, NULL AS country, ${spreadColumns}
          FROM observation o
          WHERE ${NUTS2} AND (o.indicator_code, o.breakdown, o.period) IN (${seriesTuples})
            AND left(o.region_code, 2) IN (${sqlList(EU27_COUNTRIES)})
          GROUP BY o.indicator_code, o.breakdown, o.period`,
    );
    const ranks = await executeSql<RankRow>(
      em,
      sql`SELECT o.indicator_code, o.breakdown, o.period, o.region_code,
                 rank() OVER (PARTITION BY o.indicator_code, o.breakdown, o.period, left(o.region_code, 2)
                              ORDER BY o.value DESC) AS rank_desc,
                 rank() OVER (PARTITION BY o.indicator_code, o.breakdown, o.period, left(o.region_code, 2)
                              ORDER BY o.value ASC) AS rank_asc
          FROM observation o
          WHERE ${NUTS2} AND (o.indicator_code, o.breakdown, o.period, left(o.region_code, 2)) IN (${tuples})`,
    );
    const seriesOf = (row: { indicator_code: string; breakdown: string; period: number }) =>
      `${row.indicator_code}/${row.breakdown}/${row.period}`;
    const spreadOf = (row: SpreadRow): Spread => ({
      regionCount: Number(row.n),
      median: row.median === null ? null : Number(row.median),
      min: row.min === null ? null : Number(row.min),
      max: row.max === null ? null : Number(row.max),
    });
    const countrySpreads = new Map<string, Spread>();
    const euSpreads = new Map<string, Spread>();
    for (const row of spreads) {
      if (row.country === null) euSpreads.set(seriesOf(row), spreadOf(row));
      else countrySpreads.set(`${seriesOf(row)}/${row.country}`, spreadOf(row));
    }
    const ranksByKey = new Map<string, Map<string, { desc: number; asc: number }>>();
    for (const row of ranks) {
      const key = `${seriesOf(row)}/${row.region_code.slice(0, 2)}`;
      let regions = ranksByKey.get(key);
      if (!regions) ranksByKey.set(key, (regions = new Map()));
      regions.set(row.region_code, { desc: Number(row.rank_desc), asc: Number(row.rank_asc) });
    }
    return keys.map((key) => {
      const series = seriesOf({
        indicator_code: key.indicator,
        breakdown: key.breakdown,
        period: key.period,
      });
      return {
        ranks: ranksByKey.get(`${series}/${key.country}`) ?? new Map(),
        country: countrySpreads.get(`${series}/${key.country}`) ?? NONE,
        eu: euSpreads.get(series) ?? NONE,
      };
    });
  }, BY_JSON);
}

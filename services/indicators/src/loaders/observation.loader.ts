import { batchByArguments, BY_JSON, executeSql, groupInKeyOrder, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Breakdown } from '../entities/enums';
import { ObservationHistory } from '../entities/observation-history.entity';
import { Observation } from '../entities/observation.entity';

export interface IndicatorValuesKey {
  /** Region code. */
  id: string;
  indicators: string[] | null;
  period: number | null;
  breakdown: Breakdown | null;
}

export interface LatestKey {
  /** Region code. */
  id: string;
  indicator: string;
  breakdown: Breakdown;
}

/** The order of observation lists: indicator, region, period, breakdown. */
export const OBSERVATION_ORDER = {
  indicatorCode: 'asc',
  regionCode: 'asc',
  period: 'asc',
  breakdown: 'asc',
} as const;

/** `Region.indicatorValues`: one statement per distinct set of arguments, whatever the number of regions. */
export function indicatorValuesLoader(em: EntityManager) {
  return new DataLoader<IndicatorValuesKey, Observation[], string>(
    (keys) =>
      batchByArguments(
        keys,
        async (regionCodes, args) => {
          const rows = await em.find(
            Observation,
            {
              regionCode: { $in: regionCodes },
              ...(args.indicators ? { indicatorCode: { $in: args.indicators } } : {}),
              ...(args.period !== null ? { period: args.period } : {}),
              ...(args.breakdown ? { breakdown: args.breakdown } : {}),
            },
            { orderBy: OBSERVATION_ORDER },
          );
          const groups = groupInKeyOrder(regionCodes, rows, (row) => row.regionCode);
          return new Map(regionCodes.map((code, index) => [code, groups[index] ?? []]));
        },
        [],
      ),
    BY_JSON,
  );
}

/** Every column of an Observation, as its property names (for plain rows read by SQL). */
const OBSERVATION_COLUMNS = rawSql(
  [
    'id',
    'indicator_code AS "indicatorCode"',
    'region_code AS "regionCode"',
    'period',
    'breakdown',
    'value',
    'status',
    'source',
    'contributed_by AS "contributedBy"',
    'version',
    'created_at AS "createdAt"',
    'updated_at AS "updatedAt"',
  ].join(', '),
);

/**
 * `Region.latest`: the most recent observation with a value, per region. One statement per distinct
 * (indicator, breakdown) whatever the number of regions; PostgreSQL picks the latest period (DISTINCT ON), and
 * the rows stay plain objects (read-only: no entity to hydrate or track).
 */
export function latestObservationLoader(em: EntityManager) {
  return new DataLoader<LatestKey, Observation | null, string>(
    (keys) =>
      batchByArguments(
        keys,
        async (regionCodes, args) => {
          const rows = await executeSql<Observation>(
            em,
            sql`SELECT DISTINCT ON (region_code) ${OBSERVATION_COLUMNS} FROM observation
                WHERE region_code IN (${sqlList(regionCodes)}) AND indicator_code = ${args.indicator}
                  AND breakdown = ${args.breakdown} AND value IS NOT NULL
                ORDER BY region_code, period DESC`,
          );
          return new Map(rows.map((row) => [row.regionCode, row]));
        },
        null as Observation | null,
      ),
    BY_JSON,
  );
}

/** `Observation.history`: the replaced values of each observation, newest first. */
export function historyByObservationIdLoader(em: EntityManager) {
  return new DataLoader<string, ObservationHistory[]>(async (ids) =>
    groupInKeyOrder(
      ids,
      await em.find(ObservationHistory, { observationId: { $in: [...ids] } }, { orderBy: { id: 'desc' } }),
      (row) => row.observationId,
    ),
  );
}

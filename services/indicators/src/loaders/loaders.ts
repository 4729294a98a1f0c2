import { batchByArguments, BY_JSON, groupInKeyOrder, oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Breakdown } from '../entities/enums';
import { Indicator } from '../entities/indicator.entity';
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

export interface ContributionsKey {
  /** Organisation id. */
  id: string;
  first: number;
  /** Sort key after which the page starts: indicator, region, period, breakdown. */
  after: [string, string, number, string] | null;
}

/** The order of observation lists: indicator, region, period, breakdown. */
export const OBSERVATION_ORDER = {
  indicatorCode: 'asc',
  regionCode: 'asc',
  period: 'asc',
  breakdown: 'asc',
} as const;

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createIndicatorsLoaders(em: EntityManager) {
  return {
    indicatorByCode: new DataLoader<string, Indicator | null>(async (codes) => {
      return oneInKeyOrder(codes, await em.find(Indicator, { code: { $in: [...codes] } }), (row) => row.code);
    }),

    /** `Region.indicatorValues`: one statement per distinct set of arguments, whatever the number of regions. */
    indicatorValues: new DataLoader<IndicatorValuesKey, Observation[], string>(
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
    ),

    /** `Region.latest`: the most recent observation with a value, per region. */
    latest: new DataLoader<LatestKey, Observation | null, string>(
      (keys) =>
        batchByArguments(
          keys,
          async (regionCodes, args) => {
            const rows = await em.find(
              Observation,
              {
                regionCode: { $in: regionCodes },
                indicatorCode: args.indicator,
                breakdown: args.breakdown,
                value: { $ne: null },
              },
              { orderBy: { period: 'desc' } },
            );
            const latest = new Map<string, Observation>();
            for (const row of rows) if (!latest.has(row.regionCode)) latest.set(row.regionCode, row);
            return latest;
          },
          null as Observation | null,
        ),
      BY_JSON,
    ),

    /** `Organisation.contributions`: one page per organisation, one statement per page size and cursor. */
    contributions: new DataLoader<ContributionsKey, Observation[], string>(
      (keys) =>
        batchByArguments(
          keys,
          async (organisationIds, args) => {
            const ids = organisationIds.map(() => '?').join(', ');
            const afterSql = args.after
              ? 'AND (indicator_code, region_code, period, breakdown) > (?, ?, ?, ?)'
              : '';
            const rows = await em.execute<Array<Record<string, unknown>>>(
              `SELECT * FROM (
                 SELECT o.*, row_number() OVER (
                   PARTITION BY contributed_by ORDER BY indicator_code, region_code, period, breakdown
                 ) AS position
                 FROM observation o WHERE contributed_by IN (${ids}) ${afterSql}
               ) page WHERE position <= ? ORDER BY contributed_by, position`,
              [...organisationIds, ...(args.after ?? []), args.first + 1],
            );
            const observations = rows.map(({ position: _position, ...row }) => em.map(Observation, row));
            const groups = groupInKeyOrder(organisationIds, observations, (row) => row.contributedBy ?? '');
            return new Map(organisationIds.map((id, index) => [id, groups[index] ?? []]));
          },
          [],
        ),
      BY_JSON,
    ),

    contributionCount: new DataLoader<string, number>(async (organisationIds) => {
      const ids = organisationIds.map(() => '?').join(', ');
      const rows = await em.execute<Array<{ contributed_by: string; n: string }>>(
        `SELECT contributed_by, count(*) AS n FROM observation WHERE contributed_by IN (${ids}) GROUP BY contributed_by`,
        [...organisationIds],
      );
      const counts = new Map(rows.map((row) => [row.contributed_by, Number(row.n)]));
      return organisationIds.map((id) => counts.get(id) ?? 0);
    }),

    historyByObservationId: new DataLoader<string, ObservationHistory[]>(async (ids) =>
      groupInKeyOrder(
        ids,
        await em.find(ObservationHistory, { observationId: { $in: [...ids] } }, { orderBy: { id: 'desc' } }),
        (row) => row.observationId,
      ),
    ),
  };
}

export type IndicatorsLoaders = ReturnType<typeof createIndicatorsLoaders>;

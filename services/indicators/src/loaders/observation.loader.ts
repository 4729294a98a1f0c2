import { batchByArguments, BY_JSON, groupInKeyOrder } from '@hub/kit';
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

/** `Region.latest`: the most recent observation with a value, per region. */
export function latestObservationLoader(em: EntityManager) {
  return new DataLoader<LatestKey, Observation | null, string>(
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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Seed } from '@hub/kit';
import { parse } from 'csv-parse/sync';
import { ObservationStatus } from '../entities/enums';
import { Indicator } from '../entities/indicator.entity';
import { Observation } from '../entities/observation.entity';
import { datasetUrl, EUROSTAT_PUBLISHER, META_UNITS, SEED_INDICATORS } from './catalogue.data';

/** `data/` of this package: `src/seeds/` and `dist/seeds/` are both two levels below the package root. */
export const DATA_DIR: string = resolve(__dirname, '../../data');
export const INDICATORS_CSV = 'eurostat_nuts2_migrant_integration_2025.csv';
export const INDICATORS_META = 'eurostat_nuts2_migrant_integration_2025.meta.json';

interface ColumnMeta {
  unit: string;
  reference_year: string;
}

interface SeedMeta {
  licence: string;
  columns: Record<string, ColumnMeta>;
}

/** Rows per INSERT: keeps each statement far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

export type SeedObservation = Pick<
  Observation,
  'indicatorCode' | 'regionCode' | 'period' | 'breakdown' | 'value' | 'status' | 'source' | 'contributedBy'
>;

/** The CSV as one object per row (header = keys, empty cell = ''). */
export function readIndicatorCsv(): Array<Record<string, string>> {
  return parse<Record<string, string>>(readFileSync(resolve(DATA_DIR, INDICATORS_CSV), 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
}

function readMeta(): SeedMeta {
  return JSON.parse(readFileSync(resolve(DATA_DIR, INDICATORS_META), 'utf8')) as SeedMeta;
}

/** Indicators and observations from the data files; an empty cell gives no observation (never a zero). */
export function loadSeedRows(): {
  indicators: Array<Omit<Indicator, 'source'>>;
  observations: SeedObservation[];
} {
  const meta = readMeta();
  const records = readIndicatorCsv();
  const indicators = SEED_INDICATORS.map((seed) => ({
    code: seed.code,
    name: seed.name,
    description: seed.description,
    unit: seed.unit,
    domain: seed.domain,
    higherIsBetter: seed.higherIsBetter,
    isDerived: seed.isDerived,
    breakdowns: seed.columns.map((column) => column.breakdown),
    sourcePublisher: seed.isDerived
      ? `${EUROSTAT_PUBLISHER} (derived by the compiling project)`
      : EUROSTAT_PUBLISHER,
    sourceDatasetCode: seed.dataset,
    sourceDatasetLabel: seed.datasetLabel,
    sourceUrl: datasetUrl(seed.dataset),
    sourceLicence: meta.licence,
  }));
  const observations: SeedObservation[] = [];
  for (const seed of SEED_INDICATORS) {
    for (const column of seed.columns) {
      const columnMeta = meta.columns[column.column];
      if (!columnMeta) throw new Error(`${INDICATORS_META}: no metadata for column ${column.column}`);
      if (!META_UNITS[seed.unit].includes(columnMeta.unit)) {
        throw new Error(
          `${INDICATORS_META}: column ${column.column} has unit "${columnMeta.unit}", not ${seed.unit}`,
        );
      }
      const period = Number(columnMeta.reference_year);
      for (const record of records) {
        const cell = record[column.column];
        if (cell === undefined) throw new Error(`${INDICATORS_CSV}: missing column ${column.column}`);
        if (cell === '') continue;
        const value = Number(cell);
        if (!Number.isFinite(value)) throw new Error(`${INDICATORS_CSV}: ${column.column} = "${cell}"`);
        observations.push({
          indicatorCode: seed.code,
          regionCode: record.nuts_id ?? '',
          period,
          breakdown: column.breakdown,
          value,
          status: ObservationStatus.NONE,
          source: column.dataset,
          contributedBy: null,
        });
      }
    }
  }
  return { indicators, observations };
}

/** First-start seed: the Eurostat migrant-integration indicators per NUTS 2 region (see data/README.md). */
export const eurostatIndicatorsSeed: Seed = {
  name: 'indicators-eurostat-nuts2-2025-v1',
  async run(em, logger) {
    const { indicators, observations } = loadSeedRows();
    await em.insertMany(Indicator, indicators);
    for (let start = 0; start < observations.length; start += CHUNK) {
      await em.insertMany(Observation, observations.slice(start, start + CHUNK));
    }
    logger.info({ indicators: indicators.length, observations: observations.length }, 'seeded indicators');
  },
};

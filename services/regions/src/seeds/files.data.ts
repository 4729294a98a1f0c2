import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'csv-parse/sync';

/**
 * Folder of the reference data copied from the project's shared data (see `data/README.md`).
 * This file lives in `src/seeds/` and compiles to `dist/seeds/`: both are two levels below the package root.
 */
export const DATA_DIR: string = resolve(__dirname, '../../data');

export const DATA_FILES = {
  nuts2024Regions: 'nuts2024_regions.csv',
  nuts2021Regions: 'nuts2021_regions.csv',
  correspondence: 'nuts2021_nuts2024_correspondence.csv',
  geometries2021: 'nuts2021_rg_60m_4326_levels0-2.geojson',
  cpmrMembers: 'cpmr_member_regions_partial.csv',
  cpmrSources: 'cpmr_member_regions_partial.sources.csv',
  enumerations: 'cor_integration_partnership_enumerations.json',
} as const;

export type DataFileName = (typeof DATA_FILES)[keyof typeof DATA_FILES];

export function dataFilePath(fileName: DataFileName): string {
  return resolve(DATA_DIR, fileName);
}

/**
 * Parses a CSV of the data folder into one object per row (header row = keys, empty cell = '').
 * Fails when a column the caller relies on is missing, so a changed file is noticed at seed time.
 */
export function readCsvRecords<TColumn extends string>(
  fileName: DataFileName,
  requiredColumns: readonly TColumn[],
): Record<TColumn, string>[] {
  const records: Record<string, string>[] = parse<Record<string, string>>(
    readFileSync(dataFilePath(fileName), 'utf8'),
    { columns: true, bom: true, skip_empty_lines: true },
  );
  const first: Record<string, string> | undefined = records[0];
  if (first !== undefined) {
    const missing: TColumn[] = requiredColumns.filter((column: TColumn) => !(column in first));
    if (missing.length > 0) {
      throw new Error(`${fileName}: missing column(s) ${missing.join(', ')}`);
    }
  }
  return records as Record<TColumn, string>[];
}

export function readJsonFile(fileName: DataFileName): unknown {
  return JSON.parse(readFileSync(dataFilePath(fileName), 'utf8')) as unknown;
}

/** '' → null, anything else unchanged (the data files use empty cells for "not available"). */
export function emptyToNull(value: string): string | null {
  return value === '' ? null : value;
}

export function parseBooleanCell(value: string, context: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${context}: expected 'true' or 'false', got '${value}'`);
}

export function parseIntegerCell(value: string, context: string): number {
  if (!/^\d+$/.test(value)) {
    throw new Error(`${context}: expected a non-negative integer, got '${value}'`);
  }
  return Number(value);
}

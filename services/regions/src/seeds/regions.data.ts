import { normaliseSearchText } from '@hub/kit';

import {
  buildCorrespondenceIndex,
  type CorrespondenceIndex,
  loadCorrespondenceRows,
} from './correspondence.data';
import {
  DATA_FILES,
  emptyToNull,
  parseBooleanCell,
  parseIntegerCell,
  readCsvRecords,
  readJsonFile,
} from './files.data';

export type RegionClassification = 'NUTS_2024' | 'STATISTICAL_REGIONS_2024';

export interface RegionGeometry {
  type: string;
  coordinates: unknown;
}

export interface RegionSeedRow {
  code: string; // NUTS 2024 / statistical region 2024 code
  level: number; // 0..3
  countryCode: string;
  name: string; // Latin-script name (name_latn)
  nationalName: string; // name_national
  parentCode: string | null;
  isExtraRegio: boolean;
  isEu: boolean; // eu27 column
  classification: RegionClassification;
  mountainType: number | null; // GISCO mount_type 1..4, level 3 and unchanged 2021→2024 only
  urbanRuralType: number | null; // GISCO urbn_type 1..3, same rule
  coastalType: number | null; // GISCO coast_type 1..3, same rule
  geometry: RegionGeometry | null; // GISCO 2021 1:60M polygon, levels 0-2 and unchanged 2021→2024 only
  searchText: string; // normaliseSearchText(name + ' ' + nationalName + ' ' + code)
}

const CLASSIFICATIONS: Readonly<Record<string, RegionClassification>> = {
  'NUTS 2024': 'NUTS_2024',
  'Statistical regions 2024 (EFTA/candidate)': 'STATISTICAL_REGIONS_2024',
};

const NUTS_2024_COLUMNS = [
  'nuts_id',
  'level',
  'country_code',
  'name_national',
  'name_latn',
  'parent_id',
  'classification',
  'extra_regio',
  'eu27',
] as const;

const NUTS_2021_COLUMNS = ['nuts_id', 'level', 'mount_type', 'urbn_type', 'coast_type'] as const;

type Nuts2021Record = Record<(typeof NUTS_2021_COLUMNS)[number], string>;

/**
 * GISCO typology code as delivered in `nuts2021_regions.csv`, or null when it is not a real class:
 * 0 (used for levels 0-2, "not classified") and empty (e.g. NO0B1 Jan Mayen) become null.
 */
function typologyCode(value: string, max: number): number | null {
  if (!/^\d+$/.test(value)) return null;
  const code: number = Number(value);
  return code >= 1 && code <= max ? code : null;
}

function isRegionGeometry(value: unknown): value is RegionGeometry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    'coordinates' in value
  );
}

/** NUTS_ID → geometry of the GISCO NUTS 2021 1:60M file (levels 0-2). */
function loadGeometries2021(): Map<string, RegionGeometry> {
  const collection: unknown = readJsonFile(DATA_FILES.geometries2021);
  const features: unknown = (collection as { features?: unknown }).features;
  if (!Array.isArray(features)) throw new Error(`${DATA_FILES.geometries2021}: no features array`);
  const geometries: Map<string, RegionGeometry> = new Map<string, RegionGeometry>();
  for (const feature of features as unknown[]) {
    const properties: unknown = (feature as { properties?: unknown }).properties;
    const code: unknown = (properties as { NUTS_ID?: unknown } | undefined)?.NUTS_ID;
    const geometry: unknown = (feature as { geometry?: unknown }).geometry;
    if (typeof code !== 'string' || !isRegionGeometry(geometry)) {
      throw new Error(`${DATA_FILES.geometries2021}: feature without NUTS_ID or geometry`);
    }
    geometries.set(code, { type: geometry.type, coordinates: geometry.coordinates });
  }
  return geometries;
}

/**
 * All 1,903 NUTS 2024 / Statistical Regions 2024 units (levels 0-3, Extra-Regio included and flagged),
 * in file order. Typology and geometry come from the 2021 GISCO data and are only carried where the
 * correspondence shows the unit unchanged (see `buildCorrespondenceIndex` for the rule, incl. level 0).
 * Typology is only carried at level 3, the level GISCO defines it for (the 2021 file has 0 at levels 0-2,
 * except the stray values of NO0B, which are ignored).
 */
export function loadRegionSeedRows(): RegionSeedRow[] {
  const records2024: Record<(typeof NUTS_2024_COLUMNS)[number], string>[] = readCsvRecords(
    DATA_FILES.nuts2024Regions,
    NUTS_2024_COLUMNS,
  );
  const records2021: Nuts2021Record[] = readCsvRecords(DATA_FILES.nuts2021Regions, NUTS_2021_COLUMNS);
  const byCode2021: Map<string, Nuts2021Record> = new Map<string, Nuts2021Record>(
    records2021.map((record: Nuts2021Record): [string, Nuts2021Record] => [record.nuts_id, record]),
  );
  const geometries: Map<string, RegionGeometry> = loadGeometries2021();

  const rows2024: { record: (typeof records2024)[number]; level: number; context: string }[] =
    records2024.map((record: (typeof records2024)[number], index: number) => {
      const context: string = `${DATA_FILES.nuts2024Regions} row ${index + 2} (${record.nuts_id})`;
      return { record, level: parseIntegerCell(record.level, context), context };
    });
  const correspondence: CorrespondenceIndex = buildCorrespondenceIndex(
    loadCorrespondenceRows(),
    records2021.map((record: Nuts2021Record) => ({
      code: record.nuts_id,
      level: parseIntegerCell(record.level, `${DATA_FILES.nuts2021Regions} (${record.nuts_id})`),
    })),
    rows2024.map(({ record, level }) => ({ code: record.nuts_id, level })),
  );

  return rows2024.map(({ record, level, context }): RegionSeedRow => {
    const code: string = record.nuts_id;
    const classification: RegionClassification | undefined = CLASSIFICATIONS[record.classification];
    if (classification === undefined) {
      throw new Error(`${context}: unknown classification '${record.classification}'`);
    }
    if (level > 3) throw new Error(`${context}: level ${level} out of range`);

    const unchanged: boolean = correspondence.unchanged.has(code);
    const typology: Nuts2021Record | undefined = unchanged && level === 3 ? byCode2021.get(code) : undefined;
    const geometry: RegionGeometry | null = unchanged && level <= 2 ? (geometries.get(code) ?? null) : null;

    return {
      code,
      level,
      countryCode: record.country_code,
      name: record.name_latn,
      nationalName: record.name_national,
      parentCode: emptyToNull(record.parent_id),
      isExtraRegio: parseBooleanCell(record.extra_regio, `${context} extra_regio`),
      isEu: parseBooleanCell(record.eu27, `${context} eu27`),
      classification,
      mountainType: typology ? typologyCode(typology.mount_type, 4) : null,
      urbanRuralType: typology ? typologyCode(typology.urbn_type, 3) : null,
      coastalType: typology ? typologyCode(typology.coast_type, 3) : null,
      geometry,
      searchText: normaliseSearchText(`${record.name_latn} ${record.name_national} ${code}`),
    };
  });
}

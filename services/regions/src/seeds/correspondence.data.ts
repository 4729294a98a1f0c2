import { DATA_FILES, type DataFileName, emptyToNull, parseIntegerCell, readCsvRecords } from './files.data';

/** One row of `nuts2021_nuts2024_correspondence.csv` (Eurostat workbook sheets NUTS2021-NUTS2024 and SR2021-SR2024). */
export interface CorrespondenceRow {
  countryCode: string;
  code2021: string | null; // null for 'New region' rows
  code2024: string | null; // null for 2021 units that were split, merged or had their boundary shifted
  level: number;
  label: string;
  change: string | null; // null = unchanged
  system: 'NUTS' | 'SR';
}

const CORRESPONDENCE_COLUMNS = [
  'country_code',
  'code_2021',
  'code_2024',
  'level',
  'label',
  'change',
  'system',
] as const;

export function loadCorrespondenceRows(): CorrespondenceRow[] {
  return readCsvRecords(DATA_FILES.correspondence, CORRESPONDENCE_COLUMNS).map(
    (record: Record<(typeof CORRESPONDENCE_COLUMNS)[number], string>, index: number): CorrespondenceRow => {
      const context: string = `${DATA_FILES.correspondence} row ${index + 2}`;
      if (record.system !== 'NUTS' && record.system !== 'SR') {
        throw new Error(`${context}: unexpected system '${record.system}'`);
      }
      return {
        countryCode: record.country_code,
        code2021: emptyToNull(record.code_2021),
        code2024: emptyToNull(record.code_2024),
        level: parseIntegerCell(record.level, context),
        label: record.label,
        change: emptyToNull(record.change),
        system: record.system,
      };
    },
  );
}

/**
 * What the 2021→2024 correspondence says about each code.
 *
 * `unchanged`: codes that exist with the same code at both dates and whose correspondence row has an empty
 * `change` column. 'Name change' and 'art. 5(2a)' rows keep their code but are not counted as unchanged.
 *
 * Level-0 rule: the NUTS sheet has a level-0 row for each of the 27 EU countries (all with an empty `change`),
 * but the Statistical Regions sheet starts at level 1, so AL, CH, IS, LI, ME, MK, NO, RS and TR have no level-0
 * row. A country (level 0) is its national territory, which the NUTS revision does not redraw, so a level-0
 * code without a correspondence row is treated as unchanged when it exists in both the 2021 and the 2024 lists
 * (that adds those 9 countries; XK is not in the GISCO 2021 data and stays "not unchanged").
 *
 * `to2024`: 2021 code → 2024 code, for every row with both codes (unchanged, name/code change, art. 5(2a)),
 * plus the level-0 rule above. Split, merged and boundary-shifted 2021 units have no 2024 counterpart.
 */
export interface CorrespondenceIndex {
  unchanged: ReadonlySet<string>;
  to2024: ReadonlyMap<string, string>;
}

export interface CodeWithLevel {
  code: string;
  level: number;
}

export function buildCorrespondenceIndex(
  rows: readonly CorrespondenceRow[],
  regions2021: readonly CodeWithLevel[],
  regions2024: readonly CodeWithLevel[],
): CorrespondenceIndex {
  const unchanged: Set<string> = new Set<string>();
  const to2024: Map<string, string> = new Map<string, string>();
  const mentioned2024: Set<string> = new Set<string>();

  for (const row of rows) {
    if (row.code2024 !== null) mentioned2024.add(row.code2024);
    if (row.code2021 === null || row.code2024 === null) continue;
    const previous: string | undefined = to2024.get(row.code2021);
    if (previous !== undefined && previous !== row.code2024) {
      throw new Error(`correspondence maps ${row.code2021} to both ${previous} and ${row.code2024}`);
    }
    to2024.set(row.code2021, row.code2024);
    if (row.change === null && row.code2021 === row.code2024) unchanged.add(row.code2024);
  }

  const levelZero2021: Set<string> = new Set<string>(
    regions2021
      .filter((region: CodeWithLevel) => region.level === 0)
      .map((region: CodeWithLevel) => region.code),
  );
  for (const region of regions2024) {
    if (region.level === 0 && !mentioned2024.has(region.code) && levelZero2021.has(region.code)) {
      unchanged.add(region.code);
      to2024.set(region.code, region.code);
    }
  }

  return { unchanged, to2024 };
}

/** `buildCorrespondenceIndex` over the correspondence file and the code/level columns of both region lists. */
export function loadCorrespondenceIndex(): CorrespondenceIndex {
  const codesWithLevels = (fileName: DataFileName): CodeWithLevel[] =>
    readCsvRecords(fileName, ['nuts_id', 'level'] as const).map(
      (record: Record<'nuts_id' | 'level', string>): CodeWithLevel => ({
        code: record.nuts_id,
        level: parseIntegerCell(record.level, `${fileName} (${record.nuts_id})`),
      }),
    );
  return buildCorrespondenceIndex(
    loadCorrespondenceRows(),
    codesWithLevels(DATA_FILES.nuts2021Regions),
    codesWithLevels(DATA_FILES.nuts2024Regions),
  );
}

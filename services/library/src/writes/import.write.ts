import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkImportRow, type ImportRecord, type ImportRow, type RowProblem } from './import-rows.write';

/** Rows per merge statement: one round trip per batch, never per row. */
export const IMPORT_BATCH_SIZE = 2_000;

export interface ImportProgress {
  rowsWritten: number;
  totalRows: number;
}

export interface ImportSummary {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A file that cannot be imported: every bad row and why (nothing was written). */
export class ImportRejected extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(
      [
        `${problems.length} row(s) cannot be imported; nothing was written:`,
        ...problems.map(
          (problem) =>
            `  row ${problem.row}${problem.key ? ` (key "${problem.key}")` : ''}: ${problem.errors
              .map((error) => `${error.path}: ${error.messages.join('; ')}`)
              .join(' | ')}`,
        ),
      ].join('\n'),
    );
  }
}

/** The rows of a `.json` file (an array of objects) or a `.csv` file (a header row, then one resource a row). */
export async function readImportFile(file: string): Promise<ImportRow[]> {
  const content = await readFile(file, 'utf8');
  if (path.extname(file).toLowerCase() === '.json') {
    const rows: unknown = JSON.parse(content);
    if (!Array.isArray(rows)) throw new Error(`${file}: a JSON import file holds an array of resources`);
    return rows as ImportRow[];
  }
  return parse(content, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as ImportRow[];
}

/**
 * Checks every row (and that each key appears once per publisher); `unknownKeys` (the regions subgraph, when
 * it can be asked) names territories and publishers that do not exist. Returns the records, or throws
 * ImportRejected listing every bad row.
 */
export async function checkImportRows(
  rows: ImportRow[],
  unknownKeys?: (typename: 'Region' | 'Organisation', keys: string[]) => Promise<string[] | undefined>,
): Promise<ImportRecord[]> {
  const problems: RowProblem[] = [];
  const records: Array<{ row: number; record: ImportRecord }> = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of rows.entries()) {
    const row = index + 1;
    const { record, errors } = await checkImportRow(raw);
    const key = typeof raw.key === 'string' || typeof raw.key === 'number' ? String(raw.key) : null;
    if (record) {
      const identity = `${record.organisation_id}/${record.import_key}`;
      const first = seen.get(identity);
      if (first)
        errors.push({ path: 'key', messages: [`repeats the key of row ${first} for the same publisher`] });
      seen.set(identity, first ?? row);
    }
    if (errors.length) problems.push({ row, key, errors });
    else records.push({ row, record: record! });
  }
  if (unknownKeys && records.length) {
    const territories = [...new Set(records.flatMap(({ record }) => record.territory_codes))];
    const publishers = [...new Set(records.map(({ record }) => record.organisation_id))];
    const unknownRegions = new Set(
      territories.length ? ((await unknownKeys('Region', territories)) ?? []) : [],
    );
    const unknownPublishers = new Set((await unknownKeys('Organisation', publishers)) ?? []);
    for (const { row, record } of records) {
      const errors = [
        ...record.territory_codes
          .filter((code) => unknownRegions.has(code))
          .map((code) => ({ path: 'territories', messages: [`unknown region "${code}"`] })),
        ...(unknownPublishers.has(record.organisation_id)
          ? [{ path: 'publisher', messages: [`unknown organisation "${record.organisation_id}"`] }]
          : []),
      ];
      if (errors.length) problems.push({ row, key: record.import_key, errors });
    }
  }
  if (problems.length) throw new ImportRejected(problems.sort((a, b) => a.row - b.row));
  return records.map(({ record }) => record);
}

const COLUMNS = [
  'import_key text',
  'organisation_id text',
  'status text',
  'kind text',
  'language text',
  'title text',
  'summary text',
  'body text',
  'versions jsonb',
  'authors text[]',
  'published_on date',
  'link text',
  'licence text',
  'strand text',
  'policy_areas text[]',
  'target_groups text[]',
  'territory_codes text[]',
  'longitude double precision',
  'latitude double precision',
];
const NAMES = COLUMNS.map((column) => column.split(' ')[0]!);
/** Columns an import may change on an existing resource (its status and id stay). */
const CONTENT = NAMES.filter((name) => !['import_key', 'organisation_id', 'status'].includes(name));

/**
 * One batch: new keys inserted (PUBLISHED rows stamped `published_at`), existing keys of the same publisher
 * updated only where a column differs (version + 1), unchanged rows left out before the insert (so they cost
 * no trigger or index work) — importing the same file again writes nothing.
 */
const MERGE = `
  INSERT INTO resource (id, ${NAMES.join(', ')}, published_at)
  SELECT gen_random_uuid(), ${NAMES.map((name) => `x.${name}`).join(', ')},
         CASE WHEN x.status = 'PUBLISHED' THEN now() END
  FROM jsonb_to_recordset(?::jsonb) AS x(${COLUMNS.join(', ')})
  WHERE NOT EXISTS (
    SELECT 1 FROM resource e WHERE e.organisation_id = x.organisation_id AND e.import_key = x.import_key
      AND (${CONTENT.map((name) => `e.${name}`).join(', ')}) IS NOT DISTINCT FROM (${CONTENT.map((name) => `x.${name}`).join(', ')}))
  ON CONFLICT (organisation_id, import_key) WHERE import_key IS NOT NULL DO UPDATE SET
    ${CONTENT.map((name) => `${name} = excluded.${name}`).join(', ')},
    version = resource.version + 1, updated_at = now()
  WHERE (${CONTENT.map((name) => `resource.${name}`).join(', ')})
        IS DISTINCT FROM (${CONTENT.map((name) => `excluded.${name}`).join(', ')})
  RETURNING (xmax = 0) AS inserted`;

/**
 * Merges the records in one transaction (all or nothing), batch by batch, with one audit record; then vacuums
 * and analyses the table when anything changed.
 */
export async function mergeImportRecords(
  em: EntityManager,
  records: ImportRecord[],
  source: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { rowsRead: records.length, inserted: 0, updated: 0, unchanged: 0 };
  await em.fork().transactional(async (tx) => {
    for (let start = 0; start < records.length; start += IMPORT_BATCH_SIZE) {
      const batch = records.slice(start, start + IMPORT_BATCH_SIZE);
      const written = await tx.execute<Array<{ inserted: boolean }>>(MERGE, [JSON.stringify(batch)]);
      const inserted = written.filter((row) => row.inserted).length;
      summary.inserted += inserted;
      summary.updated += written.length - inserted;
      onProgress?.({ rowsWritten: start + batch.length, totalRows: records.length });
    }
    summary.unchanged = records.length - summary.inserted - summary.updated;
    await tx.execute(
      `INSERT INTO hub_audit_log (subject, subject_name, entity, entity_id, action, changed_fields)
       VALUES ('hub-subgraph import', 'bulk import', 'Resource', ?, 'import', ?::jsonb)`,
      [path.basename(source), JSON.stringify(summary)],
    );
  });
  // fresh statistics and visibility map after a bulk change: plans and index-only scans for facets and maps
  if (summary.inserted + summary.updated > 0) await em.execute('VACUUM (ANALYZE) resource');
  return summary;
}

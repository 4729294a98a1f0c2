import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { NUTS_CODE_PATTERN } from '@hub/kit';
import type { Client } from 'pg';
import { SEED_INDICATORS } from '../seeds/catalogue.data';

/** The Eurostat extract the subgraph ships (and seeds from), with its `.meta.json` beside it. */
export const SHIPPED_DATA_FILE = path.resolve(
  __dirname,
  '../../data/eurostat_nuts2_migrant_integration_2025.csv',
);

/** Observations per merge statement (about 11 per row of the file): one round trip per batch, never per row. */
export const IMPORT_BATCH_SIZE = 50_000;

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface ImportSummary {
  rowsRead: number;
  /** Observations read from non-empty cells. */
  values: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Values not overwritten because a partner contributed the current value (corrections stay theirs). */
  keptPartnerValues: number;
  skipped: Record<string, number>;
}

interface ColumnTarget {
  column: string;
  indicator: string;
  breakdown: string;
  dataset: string;
  period: number;
}

/** Which value columns of the file feed which indicator, breakdown and period (from the `.meta.json`). */
function columnTargets(header: string[], meta: { columns?: Record<string, { reference_year?: string }> }) {
  const targets: ColumnTarget[] = [];
  for (const indicator of SEED_INDICATORS) {
    for (const column of indicator.columns) {
      if (!header.includes(column.column)) continue;
      const year = Number(meta.columns?.[column.column]?.reference_year);
      if (!Number.isInteger(year))
        throw new Error(`The metadata gives no reference_year for column ${column.column}`);
      targets.push({
        column: column.column,
        indicator: indicator.code,
        breakdown: column.breakdown,
        dataset: column.dataset,
        period: year,
      });
    }
  }
  if (!targets.length) throw new Error('No known indicator column in the file header');
  return targets;
}

/** `<file>.meta.json` beside the file (extension replaced), as shipped with the Eurostat extract. */
export function defaultMetaFile(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.(csv|tsv|txt)$/i, '')}.meta.json`);
}

/**
 * The merge of one batch, for files with `targets` value columns. Parameters: $1 the batch's region codes (one
 * per row), $2… one `float8[]` per value column (NULL = no value), then per column its indicator, period,
 * breakdown and source dataset, and last the 24 hex digits that start the ids of new observations.
 *
 * - `work` turns rows into observations, looks each up once in the key index (nested loops, see
 *   {@link importObservationsFile}) and keeps only those with something to do or count: new, changed, or
 *   contributed by a partner. An unchanged observation is only read — never locked, written or even kept — so a
 *   second import of the same file writes nothing.
 * - `updated` rewrites the changed values (found by `ctid`, no second index lookup) unless a partner contributed
 *   them; a row a concurrent transaction changed meanwhile is left alone (its `ctid` moved on). `history` keeps
 *   the replaced value of exactly the rows `updated` changed.
 * - `inserted` adds the new keys with time-ordered UUIDs (version 7 layout: the batch's millisecond, random
 *   bits, then a counter), so the primary-key index grows at its right edge instead of at random pages. It is a
 *   plain INSERT (a quarter cheaper than ON CONFLICT's speculative insertion): the keys are absent in the
 *   statement's snapshot, and a concurrent writer of the same key makes it fail with a unique violation.
 */
function mergeSql(targets: number): string {
  const firstTargetParameter = 2 + targets;
  const cells = Array.from({ length: targets }, (_, k) => `$${2 + k}::float8[]`).join(', ');
  const cellNames = Array.from({ length: targets }, (_, k) => `c${k}`).join(', ');
  // The region comes through the VALUES row too, so that all four key columns of the lookup come from one
  // relation and the index condition uses all of them.
  const observations = Array.from({ length: targets }, (_, k) => {
    const p = firstTargetParameter + 4 * k;
    return `($${p}::text, r.region_code, $${p + 1}::int, $${p + 2}::text, $${p + 3}::text, r.c${k})`;
  }).join(',\n        ');
  const idPrefix = firstTargetParameter + 4 * targets;
  return /* SQL */ `
  WITH work AS MATERIALIZED (
    SELECT i.indicator_code, i.region_code, i.period, i.breakdown, i.value, i.source,
           o.ctid AS row_id, o.id, o.value AS old_value, o.status AS old_status, o.version AS old_version,
           o.source AS old_source, o.contributed_by
    FROM unnest($1::text[], ${cells}) AS r(region_code, ${cellNames})
    CROSS JOIN LATERAL (VALUES
        ${observations}
      ) AS i(indicator_code, region_code, period, breakdown, source, value)
    LEFT JOIN observation o ON o.indicator_code = i.indicator_code AND o.period = i.period
      AND o.breakdown = i.breakdown AND o.region_code = i.region_code
    WHERE i.value IS NOT NULL
      AND (o.id IS NULL OR o.contributed_by IS NOT NULL OR o.value IS DISTINCT FROM i.value OR o.status <> 'NONE')
  ),
  updated AS (
    UPDATE observation o
    SET value = w.value, status = 'NONE', source = w.source, version = o.version + 1, updated_at = now()
    FROM work w
    WHERE w.row_id IS NOT NULL AND w.contributed_by IS NULL
      AND o.ctid = w.row_id AND o.id = w.id AND o.contributed_by IS NULL
    RETURNING o.id, w.old_value, w.old_status, w.old_version, w.old_source
  ),
  history AS (
    INSERT INTO observation_history (observation_id, value, status, version, source, replaced_by_subject)
    SELECT id, old_value, old_status, old_version, old_source, 'import' FROM updated
  ),
  inserted AS (
    INSERT INTO observation (id, indicator_code, region_code, period, breakdown, value, status, source)
    SELECT ($${idPrefix}::text || lpad(to_hex(row_number() OVER ()), 8, '0'))::uuid,
           indicator_code, region_code, period, breakdown, value, 'NONE', source
    FROM work WHERE id IS NULL
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inserted) AS inserted,
         (SELECT count(*) FROM updated) AS updated,
         (SELECT count(*) FROM work WHERE contributed_by IS NOT NULL) AS kept`;
}

/** One batch of rows: the region codes and, per value column, the value of each row (null = none). */
class Batch {
  readonly regions: string[] = [];
  readonly cells: Array<Array<number | null>>;
  /** Distinct observations (region × column with a value) in the batch. */
  observations = 0;
  private readonly rowOfRegion = new Map<string, number>();

  constructor(targets: number) {
    this.cells = Array.from({ length: targets }, () => []);
  }

  /** The row of a region; a region seen again in the same batch shares its row (the later value wins). */
  row(region: string): number {
    let row = this.rowOfRegion.get(region);
    if (row === undefined) {
      row = this.regions.push(region) - 1;
      this.rowOfRegion.set(region, row);
      for (const column of this.cells) column.push(null);
    }
    return row;
  }

  set(row: number, target: number, value: number): void {
    const column = this.cells[target]!;
    if (column[row] === null) this.observations += 1;
    column[row] = value;
  }
}

/**
 * Array literals written here rather than by `pg` (which quotes and escapes every element): region codes match
 * the NUTS pattern (letters and digits only, quoted so that a code such as `NULL` stays text) and values are
 * finite numbers, whose shortest JavaScript form reads back as the same double.
 */
const textArray = (values: string[]) => `{"${values.join('","')}"}`;
const numberArray = (values: Array<number | null>) =>
  `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;

/** The first 24 hex digits of a version 7 UUID for `milliseconds`, with fresh random bits. */
function uuidV7Prefix(milliseconds: number): string {
  const random = randomBytes(6).toString('hex');
  const variant = ((Number.parseInt(random.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${milliseconds.toString(16).padStart(12, '0')}7${random.slice(0, 3)}${variant}${random.slice(4, 7)}${random.slice(7, 11)}`;
}

/**
 * Imports a Eurostat-style CSV or TSV file (the columns of the shipped NUTS 2 extract: `nuts_id` plus value
 * columns) in one transaction: every non-empty cell of a known column becomes the current Eurostat observation
 * of its indicator, breakdown, region and period; empty cells stay absent. Idempotent (unchanged values are
 * only read: no lock, no write), bulk (one merge statement per batch of {@link IMPORT_BATCH_SIZE}
 * observations), and corrections keep the replaced value in the history. The file is read and parsed while
 * the database merges the previous batch.
 */
export async function importObservationsFile(
  client: Client,
  file: string,
  options: { metaFile?: string; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportSummary> {
  const metaFile = options.metaFile ?? defaultMetaFile(file);
  if (!existsSync(metaFile)) throw new Error(`No metadata file ${metaFile} (give one with --meta)`);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
    columns?: Record<string, { reference_year?: string }>;
  };
  const totalBytes = statSync(file).size;
  const summary: ImportSummary = {
    rowsRead: 0,
    values: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    keptPartnerValues: 0,
    skipped: {},
  };
  const skip = (reason: string) => (summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1);
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      delimiter: /\.tsv$/i.test(file) ? '\t' : ',',
      bom: true,
      relax_column_count: true,
      trim: true,
    }),
  );
  let header: string[] | undefined;
  let regionIndex = -1;
  let targets: ColumnTarget[] | undefined;
  let targetIndexes: number[] = [];
  let sql = '';
  let targetParameters: Array<string | number> = [];
  let batch: Batch | undefined;
  let lastMillisecond = 0;

  const merge = async (rows: Batch) => {
    lastMillisecond = Math.max(Date.now(), lastMillisecond + 1); // ids keep rising batch after batch
    const { rows: result } = await client
      .query<{ inserted: string; updated: string; kept: string }>(sql, [
        textArray(rows.regions),
        ...rows.cells.map(numberArray),
        ...targetParameters,
        uuidV7Prefix(lastMillisecond),
      ])
      .catch((error: unknown) => {
        if ((error as { constraint?: string }).constraint !== 'observation_key_unique') throw error;
        throw new Error(
          'Another transaction recorded a value of the same indicator, region, period and breakdown while the ' +
            'import ran, so nothing was imported. Run the import again: it keeps that value.',
          { cause: error },
        );
      });
    const inserted = Number(result[0]?.inserted ?? 0);
    const updated = Number(result[0]?.updated ?? 0);
    const kept = Number(result[0]?.kept ?? 0);
    summary.inserted += inserted;
    summary.updated += updated;
    summary.keptPartnerValues += kept;
    summary.unchanged += rows.observations - inserted - updated - kept;
  };
  // At most one merge runs while the next batch is parsed; a failed merge surfaces at the next flush or the end.
  let merging: Promise<void> | undefined;
  const flush = async () => {
    if (!batch?.observations) return;
    const rows = batch;
    batch = new Batch(rows.cells.length);
    await merging;
    merging = merge(rows);
    merging.catch(() => undefined);
  };

  await client.query('BEGIN');
  // Each batch looks up its keys in the whole (growing) table: with hash or merge joins the planner would scan
  // the table once per batch; nested loops over the unique key index stay flat. The plans are cheap and run
  // once per batch, so JIT compilation only costs time.
  await client.query('SET LOCAL enable_hashjoin = off');
  await client.query('SET LOCAL enable_mergejoin = off');
  await client.query('SET LOCAL enable_memoize = off'); // every key is looked up once: a cache only costs
  await client.query('SET LOCAL jit = off');
  await client.query("SET LOCAL work_mem = '64MB'");
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record;
        regionIndex = header.lastIndexOf('nuts_id');
        continue;
      }
      summary.rowsRead += 1;
      if (!targets) {
        targets = columnTargets(header, meta);
        targetIndexes = targets.map((target) => header!.lastIndexOf(target.column));
        sql = mergeSql(targets.length);
        targetParameters = targets.flatMap((t) => [t.indicator, t.period, t.breakdown, t.dataset]);
        batch = new Batch(targets.length);
      }
      const region = (record[regionIndex] ?? '').toUpperCase();
      if (!NUTS_CODE_PATTERN.test(region)) {
        skip('region code is not a NUTS code');
        continue;
      }
      let row = -1;
      for (let k = 0; k < targets.length; k += 1) {
        const cell = record[targetIndexes[k]!] ?? '';
        if (cell === '' || cell === ':') continue; // empty = not available: stays absent, never zero
        const value = Number(cell);
        if (!Number.isFinite(value)) {
          skip(`not a number in ${targets[k]!.column}`);
          continue;
        }
        summary.values += 1;
        if (row < 0) row = batch!.row(region);
        batch!.set(row, k, value);
      }
      if (batch!.observations >= IMPORT_BATCH_SIZE) await flush();
      if (options.onProgress && summary.rowsRead % 5_000 === 0) {
        options.onProgress({ bytesRead: input.bytesRead, totalBytes, rowsRead: summary.rowsRead });
      }
    }
    await flush();
    await merging;
    if (summary.inserted + summary.updated > 0) {
      // Like every write, an import leaves one audit record, in the import's transaction.
      await client.query(
        `INSERT INTO hub_audit_log (subject, subject_name, entity, entity_id, action, changed_fields)
         VALUES ('import', 'Eurostat import', 'ObservationImport', $1, 'import', $2)`,
        [path.basename(file), JSON.stringify([`inserted:${summary.inserted}`, `updated:${summary.updated}`])],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, rowsRead: summary.rowsRead });
  return summary;
}

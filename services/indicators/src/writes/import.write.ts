import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NUTS_CODE_PATTERN } from '@hub/kit';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { assertPastOrCurrentPeriod } from '../inputs/period';
import { type DelimitedRecord, delimitedRecords } from './import-csv.write';
import { SEED_INDICATORS } from '../seeds/catalogue.data';
import {
  BULK_LOAD_STRUCTURES_SQL,
  bulkMergeSql,
  copySql,
  createStagingSql,
  foldRepeatedRegionsSql,
  type ImportTarget,
  insertNewKeysSql,
  mergeSql,
  scanMergeSql,
  sortStagingSql,
  STAGING_TABLE,
  targetParameters,
} from './import-merge.write';

/** The Eurostat extract the subgraph ships (and seeds from), with its `.meta.json` beside it. */
export const SHIPPED_DATA_FILE = path.resolve(
  __dirname,
  '../../data/eurostat_nuts2_migrant_integration_2025.csv',
);

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  /** `reading` while the file streams into the database, `merging` once it is all there. */
  phase: 'reading' | 'merging';
}

/** The first {@link MAX_REPORTED_ROWS} rows or values the import skipped, with their line in the file. */
export interface SkippedRow {
  line: number;
  reason: string;
  /** The offending cell, as read. */
  cell: string;
}

/** Skipped rows reported one by one; beyond that only counted (the reasons' totals stay exact). */
export const MAX_REPORTED_ROWS = 100;

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
  /** Where the skipped rows and values are: the first {@link MAX_REPORTED_ROWS}, in file order. */
  skippedRows: SkippedRow[];
  /** Whether the import ran as a bulk load (indexes, primary key and foreign keys rebuilt after the merge). */
  bulkLoad: boolean;
  /**
   * How the file was merged: `bulk` (a bulk load), `scan` (the table read once with hash joins: a file that
   * covers much of it) or `index` (each region's rows looked up through the region index: a small file).
   */
  merge: 'bulk' | 'scan' | 'index';
  /** Milliseconds spent reading the file into the staging table, merging, rebuilding indexes, and in all. */
  phases: { reading: number; merging: number; indexing: number; total: number };
}

/**
 * A file with at least this share of the table's rows in values (and at least {@link BULK_LOAD_MINIMUM}) is
 * merged by reading the table once ({@link scanMergeSql}) rather than by one index scan per region: a sequential
 * read and a hash probe per table row cost about a twentieth of a region's index scan, so the scan pays from
 * roughly a third of the table on (a 1,000,000-row re-import: merge 18 s by index, see bench/README.md).
 */
export const SCAN_MERGE_SHARE = 0.25;

/**
 * Below this many values an import never runs as a bulk load: a small file into an empty table is quick
 * either way, and a bulk load locks the table against readers until it commits.
 */
export const BULK_LOAD_MINIMUM = 100_000;

/**
 * A file runs as a bulk load only when it has at least this many times the table's rows in values: it clearly
 * outgrows the table (a first load, a table still nearly empty). The table's row count is PostgreSQL's estimate
 * (`reltuples`), which for a large table comes from a sample and may fall a little short of the truth: with a
 * share of 1 a re-import of the very file the table holds could be taken for a bulk load (every index dropped
 * and rebuilt: 133 s instead of 19 s for a million rows).
 */
export const BULK_LOAD_SHARE = 2;

/** Which value columns of the file feed which indicator, breakdown and period (from the `.meta.json`). */
function columnTargets(header: string[], meta: { columns?: Record<string, { reference_year?: string }> }) {
  const targets: ImportTarget[] = [];
  for (const indicator of SEED_INDICATORS) {
    for (const column of indicator.columns) {
      if (!header.includes(column.column)) continue;
      const year = Number(meta.columns?.[column.column]?.reference_year);
      if (!Number.isInteger(year))
        throw new Error(`The metadata gives no reference_year for column ${column.column}`);
      // before anything is staged or merged: a file for a future year writes nothing
      assertPastOrCurrentPeriod(`reference_year of column ${column.column}`, year);
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
 * A cell PostgreSQL and JavaScript both read as the same double (each rounds a decimal correctly), passed to
 * COPY as written: converting a million rows' cells to numbers and back costs seconds.
 */
const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** The first 24 hex digits of a version 7 UUID for `milliseconds`, with fresh random bits. */
function uuidV7Prefix(milliseconds: number): string {
  const random = randomBytes(6).toString('hex');
  const variant = ((Number.parseInt(random.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${milliseconds.toString(16).padStart(12, '0')}7${random.slice(0, 3)}${variant}${random.slice(4, 7)}${random.slice(7, 11)}`;
}

/**
 * A unique violation of the observation key while merging: a concurrent transaction recorded a key the import
 * inserts (both absent from the import's snapshot). The import fails whole, with a message saying what to do.
 */
function concurrentKeyError(error: unknown): never {
  if ((error as { constraint?: string }).constraint !== 'observation_key_unique') throw error;
  throw new Error(
    'Another transaction recorded a value of the same indicator, region, period and breakdown while ' +
      'the import ran, so nothing was imported. Run the import again: it keeps that value.',
    { cause: error },
  );
}

/** Catalogue check, set-based: every indicator the file's columns feed must exist before anything is written. */
async function assertIndicatorsExist(client: Client, targets: ImportTarget[]): Promise<void> {
  const codes = [...new Set(targets.map((target) => target.indicator))];
  const { rows } = await client.query<{ code: string }>(
    'SELECT code FROM indicator WHERE code = ANY($1::text[])',
    [codes],
  );
  const known = new Set(rows.map((row) => row.code));
  const missing = codes.filter((code) => !known.has(code));
  if (missing.length) {
    throw new Error(`The indicator catalogue has no ${missing.join(', ')}: seed the database first`);
  }
}

/**
 * Imports a Eurostat-style CSV or TSV file (the columns of the shipped NUTS 2 extract: `nuts_id` plus value
 * columns) in one transaction: every non-empty cell of a known column becomes the current Eurostat observation
 * of its indicator, breakdown, region and period; empty cells stay absent. Rows and cells that are not valid
 * are skipped, counted by reason and reported with their line number.
 *
 * The file streams (never held in memory): each row is checked as it is parsed and goes by `COPY` into a
 * temporary staging table (one row per line, one column per value column). Then a fixed number of statements,
 * whatever the file's size: repeated regions folded into one row, and one merge (import-merge.write.ts) that
 * inserts new keys, updates changed values with their history and counts partner values it keeps. Idempotent:
 * unchanged values are only read (no lock, no write, no history, no audit record). Any failure (an unreadable
 * file, a concurrent writer of the same key) rolls everything back.
 *
 * A file with more values than the table has rows (a first load; at least {@link BULK_LOAD_MINIMUM} values)
 * is a bulk load, when this role owns the table and `observation_history`: the indexes, the primary key and
 * the foreign keys from and to `observation` are dropped before the merge and re-created after it, in the same
 * transaction ({@link BULK_LOAD_STRUCTURES_SQL}). PostgreSQL builds an index from sorted rows several times
 * faster than it maintains it row by row, and validates a foreign key with one anti-join instead of one
 * trigger per row (a 100,000-row file, 1.09 M values, into an empty table on a busy
 * machine: 21-31 s instead of 41-44 s; bench/README.md). Readers never see the table without its indexes (the drop commits with the
 * rebuild or not at all), but they wait for the import's commit: a bulk load holds the table's exclusive lock.
 */
export async function importObservationsFile(
  client: Client,
  file: string,
  options: {
    metaFile?: string;
    onProgress?: (progress: ImportProgress) => void;
    /** Fewest values for a bulk load (default {@link BULK_LOAD_MINIMUM}; tests lower it). */
    bulkLoadMinimum?: number;
    /** Fewest values for a merge by one read of the table (default {@link BULK_LOAD_MINIMUM}; tests lower it). */
    scanMergeMinimum?: number;
  } = {},
): Promise<ImportSummary> {
  const metaFile = options.metaFile ?? defaultMetaFile(file);
  if (!existsSync(metaFile)) throw new Error(`No metadata file ${metaFile} (give one with --meta)`);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
    columns?: Record<string, { reference_year?: string }>;
  };
  const summary: ImportSummary = {
    rowsRead: 0,
    values: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    keptPartnerValues: 0,
    skipped: {},
    skippedRows: [],
    bulkLoad: false,
    merge: 'index',
    phases: { reading: 0, merging: 0, indexing: 0, total: 0 },
  };
  const skip = (line: number, reason: string, cell: string) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
    if (summary.skippedRows.length < MAX_REPORTED_ROWS) {
      summary.skippedRows.push({ line, reason, cell: cell.slice(0, 80) });
    }
  };
  const totalBytes = statSync(file).size;
  // Pieces of 64 kB, as few of them in flight as COPY needs (see `pipeline` below): memory stays flat.
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  const batches = delimitedRecords(input, /\.tsv$/i.test(file) ? '\t' : ',');
  const firstBatch = await batches.next().catch((error: unknown) => {
    input.destroy();
    throw error;
  });
  if (firstBatch.done) return summary;
  const header = firstBatch.value[0]!.record;
  const regionIndex = header.lastIndexOf('nuts_id');
  let targets: ImportTarget[];
  try {
    targets = columnTargets(header, meta);
  } catch (error) {
    input.destroy(); // the rest of the file is not read
    throw error;
  }
  const targetIndexes = targets.map((target) => header.lastIndexOf(target.column));
  const progress = (phase: ImportProgress['phase']) =>
    options.onProgress?.({ bytesRead: input.bytesRead, totalBytes, rowsRead: summary.rowsRead, phase });

  let lastLine = 1;
  /** The accepted rows of one batch of records in COPY text format (`line, region, values…`). */
  function stagingText(records: DelimitedRecord[], from: number): string {
    let chunk = '';
    for (let r = from; r < records.length; r += 1) {
      const { record, line } = records[r]!;
      lastLine = line;
      summary.rowsRead += 1;
      const cell = record[regionIndex] ?? '';
      const region = cell.toUpperCase();
      // NUTS codes are letters and digits only: nothing to escape in COPY's text format.
      if (!NUTS_CODE_PATTERN.test(region)) {
        skip(line, 'region code is not a NUTS code', cell);
        continue;
      }
      let values = '';
      let present = 0;
      for (let k = 0; k < targets.length; k += 1) {
        const text = record[targetIndexes[k]!] ?? '';
        if (PLAIN_DECIMAL.test(text)) {
          values += `\t${text}`; // as written: PostgreSQL reads it into the very double Number() would
          present += 1;
          continue;
        }
        const value = text === '' || text === ':' ? NaN : Number(text); // empty = not available: never zero
        if (Number.isFinite(value)) {
          // The shortest JavaScript form of a double reads back as the same double.
          values += `\t${value}`;
          present += 1;
        } else {
          values += '\t\\N';
          if (text !== '' && text !== ':') skip(line, `not a number in ${targets[k]!.column}`, text);
        }
      }
      if (!present) continue;
      summary.values += present;
      chunk += `${line}\t${region}${values}\n`;
    }
    return chunk;
  }
  /** The staging table's rows, one piece of COPY text per piece of the file read. */
  async function* stagingRows(): AsyncGenerator<string> {
    const first = stagingText(firstBatch.value!, 1);
    if (first) yield first;
    for await (const records of batches) {
      const chunk = stagingText(records, 0);
      progress('reading');
      if (chunk) yield chunk;
    }
  }

  const started = Date.now();
  await client.query('BEGIN');
  try {
    // The merge reads each region's current observations through the region index and finds changed rows by
    // ctid: with hash or merge joins the planner would read the whole (large) table instead. One plan, run
    // once: JIT compilation only costs time.
    await client.query('SET LOCAL enable_hashjoin = off');
    await client.query('SET LOCAL enable_mergejoin = off');
    await client.query('SET LOCAL enable_memoize = off'); // every key is looked up once: a cache only costs
    await client.query('SET LOCAL jit = off');
    await client.query("SET LOCAL work_mem = '64MB'");
    // The commit need not wait for its WAL to reach the disk: a crash right after it can lose the import, never
    // half of it, and the import is re-runnable (a second run writes only what is missing).
    await client.query('SET LOCAL synchronous_commit = off');
    await assertIndicatorsExist(client, targets);
    await client.query(createStagingSql(targets.length));
    await pipeline(
      Readable.from(stagingRows(), { highWaterMark: 2 }),
      client.query(copyFrom(copySql(targets.length))),
    );
    progress('merging');
    // New ids count on from line × columns + column in 32 bits (see mergeSql).
    if ((lastLine + 1) * targets.length >= 2 ** 32) {
      throw new Error(`The file has too many lines for one import (${lastLine}): split it`);
    }
    const folded = await client.query<{ superseded: string; table_rows: string; owns_table: boolean }>(
      foldRepeatedRegionsSql(targets.length),
    );
    const superseded = Number(folded.rows[0]?.superseded ?? 0);
    // A bulk load: the file outgrows the table (a first load, or a table still nearly empty), and this role
    // may change the structure of the table and of observation_history (the serving role of a production
    // deployment may not).
    const staged = summary.values - superseded;
    const tableRows = Number(folded.rows[0]?.table_rows ?? 0);
    const bulk =
      folded.rows[0]?.owns_table === true &&
      staged >= Math.max(options.bulkLoadMinimum ?? BULK_LOAD_MINIMUM, BULK_LOAD_SHARE * tableRows);
    summary.bulkLoad = bulk;
    const scan =
      !bulk &&
      staged >= (options.scanMergeMinimum ?? BULK_LOAD_MINIMUM) &&
      staged >= SCAN_MERGE_SHARE * tableRows;
    summary.merge = bulk ? 'bulk' : scan ? 'scan' : 'index';
    summary.phases.reading = Date.now() - started;
    let rebuild: string[] = [];
    if (bulk) {
      // One hash of the (small) table's rows instead of an index scan per region, and a hash anti-join to
      // validate the re-added foreign key; a larger sort budget for the index builds.
      await client.query('SET LOCAL enable_hashjoin = on');
      await client.query("SET LOCAL maintenance_work_mem = '256MB'");
      // The table first, as its writers take it (then observation_history): dropping the foreign key of
      // observation_history first would take the tables in the other order, and could deadlock with a writer.
      await client.query('LOCK TABLE observation IN ACCESS EXCLUSIVE MODE');
      const { rows: structures } = await client.query<{ drop_statement: string; create_statement: string }>(
        BULK_LOAD_STRUCTURES_SQL,
      );
      for (const { drop_statement } of [...structures].reverse()) await client.query(drop_statement);
      rebuild = structures.map((structure) => structure.create_statement);
    }
    const mergeStarted = Date.now();
    const parameters = [...targetParameters(targets), uuidV7Prefix(Date.now())];
    if (bulk || scan) {
      if (scan) {
        // The planner needs the staging table's statistics to hash it (the small side) rather than the table;
        // hash joins for the one read of the table, and room for the staging table's hash.
        await client.query(`ANALYZE ${STAGING_TABLE}`);
        await client.query('SET LOCAL enable_hashjoin = on');
        await client.query("SET LOCAL work_mem = '256MB'");
      }
      const { rows } = await client.query<{ matched: string; updated: string; kept: string }>(
        bulk ? bulkMergeSql(targets.length) : scanMergeSql(targets.length),
        targetParameters(targets),
      );
      summary.updated = Number(rows[0]?.updated ?? 0);
      summary.keptPartnerValues = Number(rows[0]?.kept ?? 0);
      const matched = Number(rows[0]?.matched ?? 0);
      if (matched < staged) {
        // New keys, without any lookup when the table has none of the file's keys (a first load, a new reference
        // year). Otherwise a bulk load probes one hash of its (small) table; after a scan, one lookup each through
        // the key index (hash joins off again: not one hash of the large table).
        if (scan) await client.query('SET LOCAL enable_hashjoin = off');
        await client.query(sortStagingSql());
        const inserted = await client
          .query(insertNewKeysSql(targets.length, { probe: matched > 0, lines: lastLine + 1 }), parameters)
          .catch(concurrentKeyError);
        summary.inserted = inserted.rowCount ?? 0;
      }
    } else {
      const { rows } = await client
        .query<{ inserted: string; updated: string; kept: string }>(mergeSql(targets.length), parameters)
        .catch(concurrentKeyError);
      summary.inserted = Number(rows[0]?.inserted ?? 0);
      summary.updated = Number(rows[0]?.updated ?? 0);
      summary.keptPartnerValues = Number(rows[0]?.kept ?? 0);
    }
    summary.phases.merging = Date.now() - mergeStarted;
    if (bulk) {
      const indexingStarted = Date.now();
      for (const statement of rebuild) await client.query(statement);
      // Fresh statistics for the planner: the table is now mostly this file.
      await client.query('ANALYZE observation');
      summary.phases.indexing = Date.now() - indexingStarted;
    }
    summary.unchanged =
      summary.values - superseded - summary.inserted - summary.updated - summary.keptPartnerValues;
    if (summary.inserted + summary.updated > 0) {
      // Like every write, an import leaves one audit record, in the import's transaction.
      await client.query(
        `INSERT INTO hub_audit_log (subject, subject_name, entity, entity_id, action, changed_fields)
         VALUES ('import', 'Eurostat import', 'ObservationImport', $1, 'import', $2)`,
        [path.basename(file), JSON.stringify([`inserted:${summary.inserted}`, `updated:${summary.updated}`])],
      );
    }
    await client.query('COMMIT');
    summary.phases.total = Date.now() - started;
  } catch (error) {
    input.destroy();
    await client.query('ROLLBACK');
    throw error;
  }
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, rowsRead: summary.rowsRead, phase: 'merging' });
  return summary;
}

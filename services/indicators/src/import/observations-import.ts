import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Client } from 'pg';
import { SEED_INDICATORS } from '../seeds/catalogue';

/** The Eurostat extract the subgraph ships (and seeds from), with its `.meta.json` beside it. */
export const SHIPPED_DATA_FILE = path.resolve(
  __dirname,
  '../../data/eurostat_nuts2_migrant_integration_2025.csv',
);

/** Observations per merge statement: one round trip per batch, never per row. */
export const IMPORT_BATCH_SIZE = 20_000;
const NUTS_CODE = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

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

const MERGE_SQL = /* SQL */ `
  WITH incoming AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::float8[], $6::text[])
      AS t(indicator_code, region_code, period, breakdown, value, source)
  ),
  replaced AS (
    INSERT INTO observation_history (observation_id, value, status, version, source, contributed_by, replaced_by_subject)
    SELECT o.id, o.value, o.status, o.version, o.source, o.contributed_by, 'import'
    FROM observation o
    JOIN incoming i USING (indicator_code, region_code, period, breakdown)
    WHERE o.contributed_by IS NULL AND (o.value IS DISTINCT FROM i.value OR o.status <> 'NONE')
    RETURNING 1
  ),
  merged AS (
    INSERT INTO observation (indicator_code, region_code, period, breakdown, value, status, source)
    SELECT indicator_code, region_code, period, breakdown, value, 'NONE', source FROM incoming
    ON CONFLICT (indicator_code, period, breakdown, region_code) DO UPDATE
      SET value = EXCLUDED.value, status = 'NONE', source = EXCLUDED.source,
          version = observation.version + 1, updated_at = now()
      WHERE observation.contributed_by IS NULL
        AND (observation.value IS DISTINCT FROM EXCLUDED.value OR observation.status <> 'NONE')
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted) AS inserted,
         count(*) FILTER (WHERE NOT inserted) AS updated,
         (SELECT count(*) FROM replaced) AS replaced,
         (SELECT count(*) FROM incoming i JOIN observation o USING (indicator_code, region_code, period, breakdown)
           WHERE o.contributed_by IS NOT NULL) AS kept
  FROM merged`;

/**
 * Imports a Eurostat-style CSV or TSV file (the columns of the shipped NUTS 2 extract: `nuts_id` plus value
 * columns) in one transaction: every non-empty cell of a known column becomes the current Eurostat observation
 * of its indicator, breakdown, region and period; empty cells stay absent. Idempotent (unchanged values are not
 * touched), bulk (one merge statement per batch), and corrections keep the replaced value in the history.
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
      columns: true,
      bom: true,
      relax_column_count: true,
      trim: true,
    }),
  );
  let targets: ColumnTarget[] | undefined;
  let batch = new Map<string, [string, string, number, string, number, string]>();

  const flush = async () => {
    if (!batch.size) return;
    const rows = [...batch.values()];
    batch = new Map();
    const columns = rows[0]!.map((_, index) => rows.map((row) => row[index]));
    const { rows: result } = await client.query<{ inserted: string; updated: string; kept: string }>(
      MERGE_SQL,
      columns,
    );
    const inserted = Number(result[0]?.inserted ?? 0);
    const updated = Number(result[0]?.updated ?? 0);
    const kept = Number(result[0]?.kept ?? 0);
    summary.inserted += inserted;
    summary.updated += updated;
    summary.keptPartnerValues += kept;
    summary.unchanged += rows.length - inserted - updated - kept;
  };

  await client.query('BEGIN');
  // Each batch joins a few thousand incoming keys against the whole table: with hash or merge joins the planner
  // scans the (growing) table once per batch; nested loops over the unique key index stay flat.
  await client.query('SET LOCAL enable_hashjoin = off');
  await client.query('SET LOCAL enable_mergejoin = off');
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      summary.rowsRead += 1;
      targets ??= columnTargets(Object.keys(record), meta);
      const region = (record.nuts_id ?? '').toUpperCase();
      if (!NUTS_CODE.test(region)) {
        skip('region code is not a NUTS code');
        continue;
      }
      for (const target of targets) {
        const cell = record[target.column] ?? '';
        if (cell === '' || cell === ':') continue; // empty = not available: stays absent, never zero
        const value = Number(cell);
        if (!Number.isFinite(value)) {
          skip(`not a number in ${target.column}`);
          continue;
        }
        summary.values += 1;
        const key = `${target.indicator}|${region}|${target.period}|${target.breakdown}`;
        batch.set(key, [target.indicator, region, target.period, target.breakdown, value, target.dataset]);
      }
      if (batch.size >= IMPORT_BATCH_SIZE) await flush();
      if (options.onProgress && summary.rowsRead % 5_000 === 0) {
        options.onProgress({ bytesRead: input.bytesRead, totalBytes, rowsRead: summary.rowsRead });
      }
    }
    await flush();
    if (summary.inserted + summary.updated > 0) {
      // Like every write, an import leaves one audit record, in its own transaction.
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

/**
 * The SQL of the observations import (see import.write.ts): a staging table filled by COPY, one statement that
 * folds repeated regions of the file into one row, and one merge of the whole file into `observation`.
 */

/** Where one value column of the file goes: indicator, reference year, breakdown, source dataset. */
export interface ImportTarget {
  column: string;
  indicator: string;
  breakdown: string;
  dataset: string;
  period: number;
}

/** The session's staging table: one row per accepted line of the file, one `float8` column per value column. */
export const STAGING_TABLE = 'observation_import_row';

const valueColumns = (targets: number) => Array.from({ length: targets }, (_, k) => `c${k}`);

/**
 * A temporary table (no WAL, dropped with the transaction, whether it commits or rolls back) with the file's
 * line numbers, region codes and values (NULL = empty cell).
 */
export function createStagingSql(targets: number): string {
  const cells = valueColumns(targets).map((name) => `${name} float8`);
  return `CREATE TEMPORARY TABLE ${STAGING_TABLE} (line int NOT NULL, region_code text NOT NULL, ${cells.join(', ')}) ON COMMIT DROP`;
}

/** COPY in PostgreSQL's text format: tab-separated, `\N` for NULL. */
export function copySql(targets: number): string {
  return `COPY ${STAGING_TABLE} (line, region_code, ${valueColumns(targets).join(', ')}) FROM STDIN`;
}

/**
 * A region that appears on several lines counts once, cell by cell the last non-empty value of the file wins
 * (an empty cell never erases an earlier value). Folds such lines into one, in place, and returns how many
 * values the fold dropped (they were read but superseded). Costs one hash aggregate over the staging table;
 * a file without repeated regions writes nothing.
 */
export function foldRepeatedRegionsSql(targets: number): string {
  const names = valueColumns(targets);
  const lastValues = names.map(
    (name) => `(array_agg(${name} ORDER BY line DESC) FILTER (WHERE ${name} IS NOT NULL))[1]`,
  );
  const cellCount = `num_nonnulls(${names.join(', ')})`;
  return /* SQL */ `
  WITH repeated AS (
    SELECT region_code FROM ${STAGING_TABLE} GROUP BY region_code HAVING count(*) > 1
  ),
  removed AS (
    DELETE FROM ${STAGING_TABLE} s USING repeated r WHERE s.region_code = r.region_code
    RETURNING s.*
  ),
  folded AS (
    INSERT INTO ${STAGING_TABLE} (line, region_code, ${names.join(', ')})
    SELECT max(line), region_code, ${lastValues.join(', ')} FROM removed GROUP BY region_code
    RETURNING ${cellCount} AS cells
  )
  SELECT coalesce((SELECT sum(${cellCount}) FROM removed), 0)
       - coalesce((SELECT sum(cells) FROM folded), 0) AS superseded`;
}

/**
 * The merge of the whole staging table. Parameters: per value column its indicator, period, breakdown and
 * source dataset, and last the 24 hex digits that start the ids of new observations.
 *
 * - `work` turns each staged row (a region) into its observations and reads the region's current
 *   observations once, through the region index (`OFFSET 0` keeps that one scan per region instead of one key
 *   lookup per value: a tenth of the index descents), matching them in memory. It keeps only observations with
 *   something to do or count: new, changed, or contributed by a partner. An unchanged observation is only read — never locked, written or even kept — so a second
 *   import of the same file writes nothing.
 * - `updated` rewrites the changed values (found by `ctid`, no second index lookup) unless a partner contributed
 *   them; a row a concurrent transaction changed meanwhile is left alone (its `ctid` moved on). `history` keeps
 *   the replaced value of exactly the rows `updated` changed.
 * - `inserted` adds the new keys with time-ordered UUIDs (version 7 layout: the import's millisecond, random
 *   bits, then a counter from the line and the column, rising through the file, so no window function is
 *   needed), so the primary-key index grows at its right edge instead of at random pages. It is a
 *   plain INSERT rather than ON CONFLICT: the keys are absent in the statement's snapshot, so a conflict can
 *   only be a concurrent writer of the same key, and that must fail the import (with a unique violation) rather
 *   than overwrite a partner's value without history.
 */
export function mergeSql(targets: number): string {
  const observations = Array.from({ length: targets }, (_, k) => {
    const p = 1 + 4 * k;
    return `(${k}, $${p}::text, r.region_code, $${p + 1}::int, $${p + 2}::text, $${p + 3}::text, r.c${k})`;
  }).join(',\n        ');
  const idPrefix = 1 + 4 * targets;
  return /* SQL */ `
  WITH work AS MATERIALIZED (
    SELECT w.* FROM ${STAGING_TABLE} r
    CROSS JOIN LATERAL (
      SELECT r.line::bigint * ${targets} + i.target AS seq,
             i.indicator_code, i.region_code, i.period, i.breakdown, i.value, i.source,
             o.ctid AS row_id, o.id, o.value AS old_value, o.status AS old_status, o.version AS old_version,
             o.source AS old_source, o.contributed_by
      FROM (VALUES
          ${observations}
        ) AS i(target, indicator_code, region_code, period, breakdown, source, value)
      LEFT JOIN (SELECT ctid, * FROM observation WHERE region_code = r.region_code OFFSET 0) o
        ON o.indicator_code = i.indicator_code AND o.period = i.period AND o.breakdown = i.breakdown
      WHERE i.value IS NOT NULL
        AND (o.id IS NULL OR o.contributed_by IS NOT NULL OR o.value IS DISTINCT FROM i.value OR o.status <> 'NONE')
    ) w
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
    SELECT ($${idPrefix}::text || lpad(to_hex(seq), 8, '0'))::uuid,
           indicator_code, region_code, period, breakdown, value, 'NONE', source
    FROM work WHERE id IS NULL
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inserted) AS inserted,
         (SELECT count(*) FROM updated) AS updated,
         (SELECT count(*) FROM work WHERE contributed_by IS NOT NULL) AS kept`;
}

/** The parameters of {@link mergeSql} but the id prefix. */
export const targetParameters = (targets: ImportTarget[]) =>
  targets.flatMap((target) => [target.indicator, target.period, target.breakdown, target.dataset]);

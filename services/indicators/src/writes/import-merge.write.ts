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
 * a file without repeated regions writes nothing. Returns as well, for the choice of a bulk load
 * (import.write.ts), the table's row estimate (counted when the table was never analysed) and whether this
 * role owns the table and the tables whose foreign keys reference it (a bulk load drops and re-creates those).
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
       - coalesce((SELECT sum(cells) FROM folded), 0) AS superseded,
       (SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM observation) END
        FROM pg_class c WHERE c.oid = 'observation'::regclass) AS table_rows,
       (SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) FROM pg_class c
        WHERE c.oid = 'observation'::regclass
           OR c.oid IN (SELECT conrelid FROM pg_constraint WHERE confrelid = 'observation'::regclass AND contype = 'f')
       ) AS owns_table`;
}

/**
 * What a bulk load drops before its merge and re-creates after it, in the same transaction: the primary key of
 * `observation` with the foreign keys of other tables that reference it (`observation_history`), its other
 * indexes (but those behind other constraints) and its own foreign keys. Each comes as the statement that drops
 * it and the one that re-creates it as it is now (from the catalogue, so the migrations stay the one
 * definition), in the order of re-creation: the primary key first, the foreign keys that need it last. Drop
 * them in the reverse order. Without the primary key an inserted row writes one WAL record instead of two.
 */
export const BULK_LOAD_STRUCTURES_SQL = /* SQL */ `
  SELECT drop_statement, create_statement FROM (
    SELECT 1 AS position, format('ALTER TABLE observation DROP CONSTRAINT %I', c.conname) AS drop_statement,
           format('ALTER TABLE observation ADD CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid))
             AS create_statement
    FROM pg_constraint c
    WHERE c.conrelid = 'observation'::regclass AND c.contype = 'p'
    UNION ALL
    SELECT 2, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = 'observation'::regclass AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    UNION ALL
    SELECT CASE WHEN c.conrelid = 'observation'::regclass THEN 3 ELSE 4 END,
           format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
    FROM pg_constraint c
    WHERE c.contype = 'f' AND (c.conrelid = 'observation'::regclass OR c.confrelid = 'observation'::regclass)
  ) s ORDER BY position, drop_statement`;

/** The staged row `r` as one row per value column: `(target, indicator, region, period, breakdown, source, value)`. */
function stagedObservations(targets: number): string {
  return Array.from({ length: targets }, (_, k) => {
    const p = 1 + 4 * k;
    return `(${k}, $${p}::text, r.region_code, $${p + 1}::int, $${p + 2}::text, $${p + 3}::text, r.c${k})`;
  }).join(',\n        ');
}

/** The current row `o` of a staged value's key: where it is, and what its history entry would keep. */
const EXISTING_COLUMNS = `o.ctid AS row_id, o.id, o.value AS old_value, o.status AS old_status, o.version AS old_version,
             o.source AS old_source, o.contributed_by`;

/** An existing row `o` the staged value `i` changes or that a partner contributed (to count as kept). */
const WORTH_WRITING = `o.contributed_by IS NOT NULL OR o.value IS DISTINCT FROM i.value OR o.status <> 'NONE'`;

/** Rewrites the changed rows of `work` (see {@link bulkMergeSql}) and keeps their replaced values in history. */
const BULK_UPDATE_AND_HISTORY = `updated AS (
    UPDATE observation o
    SET value = w.value, status = 'NONE', source = w.source, version = o.version + 1, updated_at = now()
    FROM work w
    WHERE w.row_id IS NOT NULL AND w.contributed_by IS NULL AND w.changed
      AND o.ctid = w.row_id AND o.id = w.id AND o.contributed_by IS NULL
    RETURNING o.id, w.old_value, w.old_status, w.old_version, w.old_source
  ),
  history AS (
    INSERT INTO observation_history (observation_id, value, status, version, source, replaced_by_subject)
    SELECT id, old_value, old_status, old_version, old_source, 'import' FROM updated
  )`;

/** A new observation's id: the import's 24 hex digits (parameter `idPrefix`), then `seq` in 8. */
const newId = (idPrefix: number) => `($${idPrefix}::text || lpad(to_hex(seq), 8, '0'))::uuid`;

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
  const observations = stagedObservations(targets);
  const idPrefix = 1 + 4 * targets;
  const regionWork = `
    SELECT w.* FROM ${STAGING_TABLE} r
    CROSS JOIN LATERAL (
      SELECT r.line::bigint * ${targets} + i.target AS seq,
             i.indicator_code, i.region_code, i.period, i.breakdown, i.value, i.source,
             ${EXISTING_COLUMNS}
      FROM (VALUES
          ${observations}
        ) AS i(target, indicator_code, region_code, period, breakdown, source, value)
      LEFT JOIN (SELECT ctid, * FROM observation WHERE region_code = r.region_code OFFSET 0) o
        ON o.indicator_code = i.indicator_code AND o.period = i.period AND o.breakdown = i.breakdown
      WHERE i.value IS NOT NULL AND (o.id IS NULL OR ${WORTH_WRITING})
    ) w`;
  return /* SQL */ `
  WITH work AS MATERIALIZED (${regionWork}
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
    SELECT ${newId(idPrefix)}, indicator_code, region_code, period, breakdown, value, 'NONE', source
    FROM work WHERE id IS NULL
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inserted) AS inserted,
         (SELECT count(*) FROM updated) AS updated,
         (SELECT count(*) FROM work WHERE contributed_by IS NOT NULL) AS kept`;
}

/**
 * The merge of a bulk load's existing keys (see import.write.ts), with the parameters of {@link scanMergeSql}:
 * the table is small next to the file and has no index at this point, so
 * - `work` holds only the staged values whose key exists, each marked `changed` or not: the staged rows of
 *   regions the table has (one hash of the table's rows probed by each staged row; `OFFSET 0` keeps the planner
 *   from turning all staged rows into values first and hashing those) turned into values and matched, and is
 *   counted whole (`matched`): every other staged value is a new key, inserted next by {@link insertNewKeysSql},
 *   without any probe of the table when nothing matched (a first load);
 * - `updated` and `history` are those of {@link mergeSql}.
 * The exclusive lock the load took keeps other writers out between the two statements.
 */
export function bulkMergeSql(targets: number): string {
  const observations = stagedObservations(targets);
  return /* SQL */ `
  WITH work AS MATERIALIZED (
    SELECT i.*, r.row_id, r.id, r.old_value, r.old_status, r.old_version, r.old_source, r.contributed_by,
           (r.contributed_by IS NOT NULL OR r.old_value IS DISTINCT FROM i.value OR r.old_status <> 'NONE') AS changed
    FROM (
      SELECT r.*, o.ctid AS row_id, o.id, o.indicator_code AS old_indicator, o.period AS old_period,
             o.breakdown AS old_breakdown, o.value AS old_value, o.status AS old_status, o.version AS old_version,
             o.source AS old_source, o.contributed_by
      FROM observation o JOIN ${STAGING_TABLE} r ON r.region_code = o.region_code
      OFFSET 0
    ) r
    CROSS JOIN LATERAL (VALUES
        ${observations}
      ) AS i(target, indicator_code, region_code, period, breakdown, source, value)
    WHERE i.value IS NOT NULL AND i.indicator_code = r.old_indicator AND i.period = r.old_period
      AND i.breakdown = r.old_breakdown
  ),
  ${BULK_UPDATE_AND_HISTORY}
  SELECT (SELECT count(*) FROM work) AS matched,
         (SELECT count(*) FROM updated) AS updated,
         (SELECT count(*) FROM work WHERE contributed_by IS NOT NULL) AS kept`;
}

/** The staging table's rows sorted by region, numbered from 1 in that order (see {@link insertNewKeysSql}). */
export const SORTED_STAGING_TABLE = 'observation_import_sorted';

/** Writes {@link SORTED_STAGING_TABLE} (one sort of the file's regions: a tenth of its values). */
export function sortStagingSql(): string {
  return `CREATE TEMPORARY TABLE ${SORTED_STAGING_TABLE} ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY region_code) AS position, * FROM ${STAGING_TABLE} ORDER BY region_code`;
}

/**
 * Inserts the staged values whose key `observation` lacks (parameters of {@link mergeSql}); needs
 * {@link sortStagingSql} first. It runs after {@link bulkMergeSql} or {@link scanMergeSql}, only when they matched
 * fewer keys than the file has, and without any lookup (`probe` false) when they matched none (a first load, a
 * new reference year). Otherwise, in a bulk load (the table small, without indexes) the anti-join is one hash
 * of the table; after a scan, one key lookup per staged value. A plain INSERT: a key a concurrent transaction
 * adds meanwhile fails the import (see {@link mergeSql}).
 *
 * The rows go in in the order of the key index — column by column (indicator, period, breakdown), each
 * column's regions in order: the file's regions are sorted once ({@link SORTED_STAGING_TABLE}) and read once per
 * column (`OFFSET 0` and the lateral reference keep the columns as the outer loop). The index a bulk load
 * re-creates then reads its rows already sorted, and an ordinary insert adds its entries page after page
 * instead of all over the index. The ids (see {@link mergeSql}) count on in the same order, `lines` (more than
 * the file's last line) apart per column, so the primary key still grows at its right edge.
 */
export function insertNewKeysSql(
  targets: number,
  { probe = true, lines }: { probe?: boolean; lines: number },
): string {
  const idPrefix = 1 + 4 * targets;
  const columns = Array.from(
    { length: targets },
    (_, k) => `(${k}, $${1 + 4 * k}::text, $${2 + 4 * k}::int, $${3 + 4 * k}::text, $${4 + 4 * k}::text)`,
  ).join(', ');
  const cell = Array.from({ length: targets }, (_, k) => `WHEN ${k} THEN r.c${k}`).join(' ');
  return `
    INSERT INTO observation (id, indicator_code, region_code, period, breakdown, value, status, source)
    SELECT ${newId(idPrefix)}, indicator_code, region_code, period, breakdown, value, 'NONE', source
    FROM (
      SELECT (t.rank - 1) * ${lines} + r.position AS seq,
             t.indicator_code, r.region_code, t.period, t.breakdown, r.value, t.source
      FROM (
        SELECT v.*, row_number() OVER (ORDER BY indicator_code, period, breakdown) AS rank
        FROM (VALUES ${columns}) AS v(k, indicator_code, period, breakdown, source)
        ORDER BY rank
      ) t
      CROSS JOIN LATERAL (
        SELECT r.position, r.region_code, CASE t.k ${cell} END AS value
        FROM ${SORTED_STAGING_TABLE} r OFFSET 0
      ) r
      WHERE r.value IS NOT NULL
    ) i${
      probe
        ? `
    WHERE NOT EXISTS (SELECT FROM observation o WHERE o.region_code = i.region_code
      AND o.indicator_code = i.indicator_code AND o.period = i.period AND o.breakdown = i.breakdown)`
        : ''
    }`;
}

/**
 * The current rows of the file's regions and indicators, each with its staged value (`value`: NULL for an empty
 * cell or a column the file lacks) and source dataset, found by reading the table once: each row probes a hash
 * of the staging table by region (the staging table must be analysed, or the planner hashes the large side),
 * and picks its column's cell by its indicator, period and breakdown (a CASE: a join with the targets would
 * mislead the planner's estimates). No index is read. `OFFSET 0` keeps the query a subquery, so each row's CASE
 * runs once: inlined into the conditions that use `value`, it ran four times (a re-import of 10.9 M values: its
 * one read 25 % shorter). Parameters: those of {@link mergeSql} but the id prefix.
 */
function scannedObservations(targets: number, where?: string): string {
  const column = (k: number) =>
    `o.indicator_code = $${1 + 4 * k}::text AND o.period = $${2 + 4 * k}::int AND o.breakdown = $${3 + 4 * k}::text`;
  const cases = (then: (k: number) => string) =>
    Array.from({ length: targets }, (_, k) => `WHEN ${column(k)} THEN ${then(k)}`).join('\n          ');
  const indicators = Array.from({ length: targets }, (_, k) => `$${1 + 4 * k}::text`).join(', ');
  return `
      SELECT ${EXISTING_COLUMNS},
        CASE ${cases((k) => `r.c${k}`)} END AS value,
        CASE ${cases((k) => `$${4 + 4 * k}::text`)} END AS source
      FROM observation o
      JOIN ${STAGING_TABLE} r ON r.region_code = o.region_code
      WHERE o.indicator_code IN (${indicators})${where ? ` AND ${where}` : ''}
      OFFSET 0`;
}

/** A row of {@link scannedObservations} whose staged value changes it or that a partner contributed. */
const SCANNED_WORTH_WRITING = `value IS NOT NULL AND (contributed_by IS NOT NULL OR old_value IS DISTINCT FROM value
      OR old_status <> 'NONE')`;

/**
 * The merge of a file that covers much of the table (a re-import, a corrected release), with the parameters of
 * {@link mergeSql} but the id prefix: instead of one index scan per region ({@link mergeSql}), the table is read
 * once with hash joins ({@link scannedObservations}).
 * - `scanned` counts, in that one read, the existing keys the file has a value for (`matched`) and the values a
 *   partner contributed (`kept`), and lists where the changed rows are (their `ctid`s: 6 bytes each, whatever
 *   the number of changes). An unchanged file stops here: one read, nothing written.
 * - `work` reads only those rows again (a TID scan) with their staged values;
 * - `updated` and `history` are those of {@link bulkMergeSql}: a row a concurrent transaction changed meanwhile
 *   is left alone.
 * New keys, if `matched` is below the file's values, follow with {@link insertNewKeysSql}.
 */
export function scanMergeSql(targets: number): string {
  return /* SQL */ `
  WITH scanned AS MATERIALIZED (
    SELECT count(*) FILTER (WHERE value IS NOT NULL) AS matched,
           count(*) FILTER (WHERE value IS NOT NULL AND contributed_by IS NOT NULL) AS kept,
           array_agg(row_id) FILTER (WHERE ${SCANNED_WORTH_WRITING} AND contributed_by IS NULL) AS changed_rows
    FROM (${scannedObservations(targets)}
    ) s
  ),
  work AS MATERIALIZED (
    SELECT s.*, true AS changed FROM (${scannedObservations(targets, 'o.ctid = ANY ((SELECT changed_rows FROM scanned)::tid[])')}
    ) s WHERE ${SCANNED_WORTH_WRITING} AND contributed_by IS NULL
  ),
  ${BULK_UPDATE_AND_HISTORY}
  SELECT matched, kept, (SELECT count(*) FROM updated) AS updated FROM scanned`;
}

/** The parameters of {@link mergeSql} but the id prefix. */
export const targetParameters = (targets: ImportTarget[]) =>
  targets.flatMap((target) => [target.indicator, target.period, target.breakdown, target.dataset]);

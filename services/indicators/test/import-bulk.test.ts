import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl } from '@hub/kit';
import { Client } from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { importObservationsFile, SHIPPED_DATA_FILE } from '../src/writes/import.write';
import { EXTRACT_HEADER, useImportDatabase } from './helpers';

const db = useImportDatabase();

/** A file of `rows` new regions (`<prefix>000` …), 11 values each. */
function syntheticFile(prefix: string, rows: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-bulk-'));
  const file = path.join(dir, 'synthetic.csv');
  const lines = Array.from({ length: rows }, (_, i) => {
    const code = `${prefix}${i.toString(36).toUpperCase().padStart(3, '0')}`;
    return `${code},${prefix},Region ${i},${100 + (i % 50)},20.5,12.1,8.2,6.3,70.1,61.4,8.7,4.2,7.9,${(i % 20) - 5}`;
  });
  writeFileSync(file, `${EXTRACT_HEADER}\n${lines.join('\n')}\n`);
  copyFileSync(SHIPPED_DATA_FILE.replace(/\.csv$/, '.meta.json'), path.join(dir, 'synthetic.meta.json'));
  return file;
}

/**
 * The table's indexes and constraints, and the foreign keys of other tables to it, as the catalogue defines them
 * (and whether each is validated).
 */
async function structure() {
  const indexes = await db.client.query<{ indexdef: string }>(
    "SELECT indexdef FROM pg_indexes WHERE tablename IN ('observation', 'observation_history') ORDER BY indexname",
  );
  const constraints = await db.client.query<{ conname: string; definition: string; convalidated: boolean }>(
    `SELECT conrelid::regclass::text || '.' || conname AS conname, pg_get_constraintdef(oid) AS definition,
            convalidated
     FROM pg_constraint
     WHERE conrelid = 'observation'::regclass OR confrelid = 'observation'::regclass ORDER BY 1`,
  );
  return { indexes: indexes.rows.map((row) => row.indexdef), constraints: constraints.rows };
}

describe('an import larger than the table (bulk load)', () => {
  it('rolls back entirely when it fails after dropping the indexes: rows, indexes and foreign key as before', async () => {
    const before = await structure();
    expect(before.indexes.length).toBeGreaterThanOrEqual(4);
    expect(before.constraints.some((c) => c.definition.startsWith('FOREIGN KEY (indicator_code)'))).toBe(
      true,
    );
    expect(before.constraints.map((c) => c.conname)).toEqual(
      expect.arrayContaining([
        'observation.observation_pkey',
        'observation_history.observation_history_observation_id_fkey',
      ]),
    );
    const observations = await db.count('SELECT count(*) AS n FROM observation');
    // Another transaction holds the catalogue in EXCLUSIVE mode (readers pass): the import drops the indexes,
    // then waits to drop the foreign key (which needs the catalogue) until its lock timeout ends it.
    const other = new Client({
      connectionString: databaseUrl(inject('databaseServerUrl'), db.indicators.databaseName),
    });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('LOCK TABLE indicator IN EXCLUSIVE MODE');
      await db.client.query("SET lock_timeout = '500ms'");
      await expect(
        importObservationsFile(db.client, syntheticFile('QF', 1_000), { bulkLoadMinimum: 1 }),
      ).rejects.toThrow(/lock timeout/);
    } finally {
      await db.client.query('RESET lock_timeout');
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await structure()).toEqual(before);
    expect(await db.count('SELECT count(*) AS n FROM observation')).toBe(observations);
  });

  it('stays a merge for a role that owns the table but not observation_history (whose foreign key it would drop)', async () => {
    const role = `import_owner_${randomBytes(4).toString('hex')}`;
    const { rows } = await db.client.query<{ owner: string }>(
      "SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'observation'::regclass",
    );
    const owner = rows[0]!.owner;
    await db.client.query(`CREATE ROLE ${role}`);
    try {
      await db.client.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
      await db.client.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await db.client.query(`ALTER TABLE observation OWNER TO ${role}`);
      await db.client.query(`SET ROLE ${role}`);
      // large enough for a bulk load (11,000 values, the table has the seeded extract), as the next test shows
      const summary = await importObservationsFile(db.client, syntheticFile('QK', 1_000), {
        bulkLoadMinimum: 1,
      });
      expect(summary).toMatchObject({ bulkLoad: false, inserted: 11_000 });
    } finally {
      await db.client.query('RESET ROLE');
      await db.client.query(`ALTER TABLE observation OWNER TO ${owner}`);
      await db.client.query(`DROP OWNED BY ${role}`);
      await db.client.query(`DROP ROLE ${role}`);
      // the table as before, for the next test's bulk load
      await db.client.query("DELETE FROM observation WHERE region_code LIKE 'QK%'");
      await db.client.query('ANALYZE observation');
    }
  });

  it('drops the indexes, the primary key and the foreign keys, merges, and re-creates them as they were', async () => {
    const before = await structure();
    // Two rows the file also has: one imported earlier with another value, one a partner contributed.
    await db.client.query(
      `INSERT INTO observation (indicator_code, region_code, period, breakdown, value, status, source, contributed_by)
       VALUES ('employment_rate_20_64', 'QG001', 2025, 'NATIVE_BORN', 69.0, 'NONE', 'lfst_r_lfe2emprc', NULL),
              ('population_15_64', 'QG002', 2025, 'TOTAL', 7, 'NONE', 'contribution', 'partner-org')`,
    );
    const file = syntheticFile('QG', 1_000);
    const summary = await importObservationsFile(db.client, file, { bulkLoadMinimum: 1 });
    expect(summary).toMatchObject({
      bulkLoad: true,
      values: 11_000,
      inserted: 10_998,
      updated: 1,
      keptPartnerValues: 1,
      unchanged: 0,
    });
    expect(summary.phases.indexing).toBeGreaterThan(0);
    expect(await structure()).toEqual(before);
    // The new rows went in in the key index's order (its re-creation then reads sorted rows), their ids rising
    // in the same order (the primary key grows at its right edge).
    expect(
      await db.count(
        `SELECT count(*) AS n FROM (
           SELECT row_number() OVER (ORDER BY ctid) AS physical,
                  row_number() OVER (ORDER BY indicator_code, period, breakdown, region_code) AS by_key,
                  row_number() OVER (ORDER BY id) AS by_id
           FROM observation WHERE region_code LIKE 'QG%' AND version = 1 AND contributed_by IS NULL
         ) s WHERE physical <> by_key OR physical <> by_id`,
      ),
    ).toBe(0);
    expect(
      await db.count(
        "SELECT count(*) AS n FROM observation WHERE region_code LIKE 'QG%' AND version = 1 AND contributed_by IS NULL",
      ),
    ).toBe(10_998);
    const { rows } = await db.client.query(
      `SELECT region_code, value, contributed_by FROM observation
       WHERE (region_code, indicator_code, breakdown) IN
         (('QG001', 'employment_rate_20_64', 'NATIVE_BORN'), ('QG002', 'population_15_64', 'TOTAL'))
       ORDER BY region_code`,
    );
    expect(rows).toEqual([
      { region_code: 'QG001', value: 70.1, contributed_by: null },
      { region_code: 'QG002', value: 7, contributed_by: 'partner-org' },
    ]);
    expect(
      await db.count(
        `SELECT count(*) AS n FROM observation_history h JOIN observation o ON o.id = h.observation_id
         WHERE o.region_code = 'QG001' AND h.value = 69.0 AND h.replaced_by_subject = 'import'`,
      ),
    ).toBe(1);
    // The unique key holds again: a second copy of a key is refused.
    await expect(
      db.client.query(
        `INSERT INTO observation (indicator_code, region_code, period, breakdown, value, status, source)
         VALUES ('employment_rate_20_64', 'QG001', 2025, 'NATIVE_BORN', 1, 'NONE', 'x')`,
      ),
    ).rejects.toThrow(/observation_key_unique/);

    // The table now holds the file: the same file again is an ordinary import that writes nothing, also when
    // PostgreSQL's row estimate falls short of the truth (as a sampled estimate of a large table may)
    await db.client.query(`UPDATE pg_class SET reltuples = $1 WHERE oid = 'observation'::regclass`, [
      summary.values - 1,
    ]);
    const again = await importObservationsFile(db.client, file, { bulkLoadMinimum: 1 });
    expect(again).toMatchObject({ bulkLoad: false, inserted: 0, updated: 0, keptPartnerValues: 1 });
  });

  it('inserts every value of a file none of whose keys the table has (a first load)', async () => {
    // 66,000 values: more than twice the rows the earlier tests left in the table
    const before = await structure();
    const summary = await importObservationsFile(db.client, syntheticFile('QJ', 6_000), {
      bulkLoadMinimum: 1,
    });
    expect(summary).toMatchObject({
      bulkLoad: true,
      values: 66_000,
      inserted: 66_000,
      updated: 0,
      unchanged: 0,
    });
    expect(await db.count("SELECT count(*) AS n FROM observation WHERE region_code LIKE 'QJ%'")).toBe(66_000);
    expect(await structure()).toEqual(before);
  });

  it('stays an ordinary import below the minimum', async () => {
    const summary = await importObservationsFile(db.client, syntheticFile('QH', 50));
    expect(summary).toMatchObject({ bulkLoad: false, inserted: 550 });
  });
});

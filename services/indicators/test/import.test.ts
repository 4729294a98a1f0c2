import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl } from '@hub/kit';
import { Client } from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { importObservationsFile } from '../src/writes/import.write';
import { useImportDatabase } from './helpers';

const DATA = path.resolve(__dirname, '../data/eurostat_nuts2_migrant_integration_2025.csv');
const META = DATA.replace(/\.csv$/, '.meta.json');

/** A copy of the shipped file (and its metadata) that a test may change. */
function copyOfShippedFile(change?: (csv: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-'));
  const file = path.join(dir, 'extract.csv');
  const csv = readFileSync(DATA, 'utf8');
  writeFileSync(file, change ? change(csv) : csv);
  copyFileSync(META, path.join(dir, 'extract.meta.json'));
  return file;
}

/**
 * Both ways a file is merged (import.write.ts): through the region index (a file small next to the table) and
 * by one read of the table (a file covering much of it, as every file here does once the minimum is lowered).
 */
const MERGES = [
  { merge: 'index', options: {} },
  { merge: 'scan', options: { scanMergeMinimum: 1 } },
] as const;

describe.each(MERGES)('importing a Eurostat-style file (merge by $merge)', ({ merge, options }) => {
  const db = useImportDatabase();

  it('changes nothing when the seeded file is imported again (idempotent)', async () => {
    const before = await db.count('SELECT count(*) AS n FROM observation');
    const summary = await importObservationsFile(db.client, copyOfShippedFile(), options);
    expect(summary.rowsRead).toBe(290);
    expect(summary).toMatchObject({ merge, inserted: 0, updated: 0, unchanged: summary.values, skipped: {} });
    expect(await db.count('SELECT count(*) AS n FROM observation')).toBe(before);
    expect(await db.count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(
      0,
    );
  });

  it('updates changed values, keeps the old ones in history, inserts new ones and reports skipped rows', async () => {
    const file = copyOfShippedFile((csv) =>
      csv
        .replace('AT13,AT,Wien,1373.4,', 'AT13,AT,Wien,1400.0,')
        .concat('not a code,XX,Nowhere,1,,,,,,,,,,\n')
        .concat('AT11,AT,Burgenland,abc,,,,,,,,,,\n'),
    );
    const historyBefore = await db.count('SELECT count(*) AS n FROM observation_history');
    const summary = await importObservationsFile(db.client, file, options);
    expect(summary.updated).toBe(1);
    expect(summary.inserted).toBe(0);
    expect(summary.skipped).toEqual({
      'region code is not a NUTS code': 1,
      'not a number in population_15_64_ths': 1,
    });
    const { rows } = await db.client.query(
      "SELECT value, version FROM observation WHERE indicator_code = 'population_15_64' AND region_code = 'AT13' AND breakdown = 'TOTAL'",
    );
    expect(rows).toEqual([{ value: 1400, version: 2 }]);
    expect(await db.count('SELECT count(*) AS n FROM observation_history')).toBe(historyBefore + 1);
    const history = await db.client.query('SELECT value FROM observation_history ORDER BY id DESC LIMIT 1');
    expect(history.rows).toEqual([{ value: 1373.4 }]);
    expect(await db.count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(
      1,
    );
    // Running the same file again changes nothing more.
    expect(await importObservationsFile(db.client, file, options)).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('never turns an empty cell into a value', async () => {
    const file = copyOfShippedFile((csv) => csv.replace(/^AT11,.*$/m, 'AT11,AT,Burgenland,,,,,,,,,,,'));
    await importObservationsFile(db.client, file, options);
    // Values that were there stay (an empty cell means "not available", not "delete"); nothing becomes zero.
    expect(
      await db.count("SELECT count(*) AS n FROM observation WHERE region_code = 'AT11' AND value = 0"),
    ).toBe(0);
    expect(
      await db.count(
        "SELECT count(*) AS n FROM observation WHERE region_code = 'AT11' AND indicator_code = 'unemployment_rate_15_74' AND breakdown = 'FOREIGN_BORN'",
      ),
    ).toBe(0);
  });

  it('reads tab-separated files of the same shape', async () => {
    const csvFile = copyOfShippedFile();
    const tsvFile = csvFile.replace(/\.csv$/, '.tsv');
    // Only rows without quoted names convert simply; that is enough to exercise the TSV path.
    const lines = readFileSync(csvFile, 'utf8')
      .split('\n')
      .filter((line) => line && !line.includes('"'));
    writeFileSync(tsvFile, lines.map((line) => line.split(',').join('\t')).join('\n'));
    copyFileSync(csvFile.replace(/\.csv$/, '.meta.json'), tsvFile.replace(/\.tsv$/, '.meta.json'));
    const summary = await importObservationsFile(db.client, tsvFile, options);
    expect(summary.rowsRead).toBe(lines.length - 1);
    expect(summary.skipped).toEqual({});
  });

  it('keeps a changed value in history exactly once, and a repeated import neither writes nor locks a row', async () => {
    const key =
      "indicator_code = 'employment_rate_20_64' AND region_code = 'BE10' AND breakdown = 'NATIVE_BORN'";
    const current = async () =>
      (
        await db.client.query<{ id: string; value: number; version: number }>(
          `SELECT id, value, version FROM observation WHERE ${key}`,
        )
      ).rows[0]!;
    const before = await current();
    const historyOf = async () =>
      (
        await db.client.query<{ value: number; version: number; replaced_by_subject: string }>(
          'SELECT value, version, replaced_by_subject FROM observation_history WHERE observation_id = $1 ORDER BY id',
          [before.id],
        )
      ).rows;
    const historyBefore = await historyOf();
    // BE10's employment rate of the native-born changes; the same region twice in the file counts once (the later
    // row wins, as in one batch).
    const changed = copyOfShippedFile((csv) => {
      const row = csv.match(/^BE10,.*$/m)![0];
      const cells = row.split(',');
      cells[8] = String(before.value + 1.5);
      const draft = [...cells];
      draft[8] = '1.0';
      return csv.replace(row, `${draft.join(',')}\n${cells.join(',')}`);
    });
    const summary = await importObservationsFile(db.client, changed, options);
    expect(summary).toMatchObject({ inserted: 0, updated: 1, skipped: {} });
    expect(summary.unchanged).toBe(summary.values - 11 - 1); // the draft row's 11 values and the one update
    expect(await current()).toEqual({
      id: before.id,
      value: before.value + 1.5,
      version: before.version + 1,
    });
    expect(await historyOf()).toEqual([
      ...historyBefore,
      { value: before.value, version: before.version, replaced_by_subject: 'import' },
    ]);

    // The same file again: no insert, no update, no history — and not one row rewritten or locked (a lock would
    // set xmax, a rewrite would move ctid and xmin).
    const rowVersions = 'SELECT id, ctid::text, xmin::text, xmax::text FROM observation ORDER BY id';
    const versionsBefore = (await db.client.query(rowVersions)).rows;
    expect(await importObservationsFile(db.client, changed, options)).toMatchObject({
      inserted: 0,
      updated: 0,
    });
    expect((await db.client.query(rowVersions)).rows).toEqual(versionsBefore);
    expect(await historyOf()).toHaveLength(historyBefore.length + 1);

    // Back to the shipped value: a second correction, a second history entry.
    await importObservationsFile(db.client, copyOfShippedFile(), options);
    expect(await current()).toEqual({ id: before.id, value: before.value, version: before.version + 2 });
    expect((await historyOf()).map((entry) => entry.value)).toEqual([
      ...historyBefore.map((entry) => entry.value),
      before.value,
      before.value + 1.5,
    ]);
  });

  it('leaves values a partner contributed as they are', async () => {
    const key = "indicator_code = 'net_migration_rate' AND region_code = 'AT12' AND breakdown = 'TOTAL'";
    await db.client.query(`UPDATE observation SET value = 9.9, contributed_by = 'partner-org' WHERE ${key}`);
    const historyBefore = await db.count('SELECT count(*) AS n FROM observation_history');
    const summary = await importObservationsFile(db.client, copyOfShippedFile(), options);
    expect(summary).toMatchObject({ inserted: 0, updated: 0, keptPartnerValues: 1 });
    expect(summary.unchanged).toBe(summary.values - 1);
    const { rows } = await db.client.query(`SELECT value, contributed_by FROM observation WHERE ${key}`);
    expect(rows).toEqual([{ value: 9.9, contributed_by: 'partner-org' }]);
    expect(await db.count('SELECT count(*) AS n FROM observation_history')).toBe(historyBefore);
    await db.client.query(`UPDATE observation SET value = 5.4, contributed_by = NULL WHERE ${key}`);
  });

  it('imports nothing when another transaction records a new key meanwhile, and keeps that value on the next run', async () => {
    const file = copyOfShippedFile((csv) =>
      csv.concat('ZZ98,ZZ,Newland,1.0,,,,,,,,,,\n').concat('ZZ99,ZZ,Otherland,2.0,,,,,,,,,,\n'),
    );
    const url = databaseUrl(inject('databaseServerUrl'), db.indicators.databaseName);
    const partner = new Client({ connectionString: url });
    const watcher = new Client({ connectionString: url });
    await Promise.all([partner.connect(), watcher.connect()]);
    try {
      await partner.query('BEGIN');
      await partner.query(
        `INSERT INTO observation (indicator_code, region_code, period, breakdown, value, status, source, contributed_by)
         VALUES ('population_15_64', 'ZZ99', 2025, 'TOTAL', 7, 'NONE', 'partner', 'partner-org')`,
      );
      const importing = importObservationsFile(db.client, file, options);
      importing.catch(() => undefined);
      // The import's insert of ZZ99 waits for the partner's transaction.
      await expect
        .poll(
          async () =>
            Number(
              (
                await watcher.query<{ n: string }>(
                  "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                )
              ).rows[0]!.n,
            ),
          { timeout: 10_000 },
        )
        .toBe(1);
      await partner.query('COMMIT');
      await expect(importing).rejects.toThrow(/nothing was imported\. Run the import again/);
      expect(await db.count("SELECT count(*) AS n FROM observation WHERE region_code = 'ZZ98'")).toBe(0);

      const summary = await importObservationsFile(db.client, file, options);
      expect(summary).toMatchObject({ inserted: 1, keptPartnerValues: 1 });
      const { rows } = await db.client.query(
        "SELECT region_code, value, contributed_by FROM observation WHERE region_code LIKE 'ZZ%' ORDER BY region_code",
      );
      expect(rows).toEqual([
        { region_code: 'ZZ98', value: 1, contributed_by: null },
        { region_code: 'ZZ99', value: 7, contributed_by: 'partner-org' },
      ]);
    } finally {
      await Promise.all([partner.end(), watcher.end()]);
    }
  });

  it('imports a file of another reference year as new values beside the current ones', async () => {
    const file = copyOfShippedFile();
    const metaFile = file.replace(/\.csv$/, '.meta.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      columns: Record<string, { reference_year?: string }>;
    };
    for (const column of Object.values(meta.columns)) column.reference_year = '2019';
    writeFileSync(metaFile, JSON.stringify(meta));
    const before = await db.count('SELECT count(*) AS n FROM observation');
    const summary = await importObservationsFile(db.client, file, options);
    expect(summary).toMatchObject({ merge, updated: 0, keptPartnerValues: 0, unchanged: 0 });
    expect(summary.inserted).toBe(summary.values);
    expect(await db.count('SELECT count(*) AS n FROM observation WHERE period = 2019')).toBe(summary.values);
    expect(await db.count('SELECT count(*) AS n FROM observation')).toBe(before + summary.values);
    // Imported again: every value now has its key, nothing changes.
    expect(await importObservationsFile(db.client, file, options)).toMatchObject({ inserted: 0, updated: 0 });
  });
});

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl } from '@hub/kit';
import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importObservationsFile } from '../src/import/observations-import';
import { indicatorsSubgraph } from '../src/indicators.subgraph';

const DATA = path.resolve(__dirname, '../data/eurostat_nuts2_migrant_integration_2025.csv');
const META = DATA.replace(/\.csv$/, '.meta.json');

let indicators: TestSubgraph;
let client: Client;
beforeAll(async () => {
  indicators = await startTestSubgraph(indicatorsSubgraph, inject('databaseServerUrl'));
  client = new Client({
    connectionString: databaseUrl(inject('databaseServerUrl'), indicators.databaseName),
  });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await indicators?.stop();
});

async function count(sql: string): Promise<number> {
  return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
}

/** A copy of the shipped file (and its metadata) that a test may change. */
function copyOfShippedFile(change?: (csv: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-'));
  const file = path.join(dir, 'extract.csv');
  const csv = readFileSync(DATA, 'utf8');
  writeFileSync(file, change ? change(csv) : csv);
  copyFileSync(META, path.join(dir, 'extract.meta.json'));
  return file;
}

describe('importing a Eurostat-style file', () => {
  it('changes nothing when the seeded file is imported again (idempotent)', async () => {
    const before = await count('SELECT count(*) AS n FROM observation');
    const summary = await importObservationsFile(client, copyOfShippedFile());
    expect(summary.rowsRead).toBe(290);
    expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: summary.values, skipped: {} });
    expect(await count('SELECT count(*) AS n FROM observation')).toBe(before);
    expect(await count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(0);
  });

  it('updates changed values, keeps the old ones in history, inserts new ones and reports skipped rows', async () => {
    const file = copyOfShippedFile((csv) =>
      csv
        .replace('AT13,AT,Wien,1373.4,', 'AT13,AT,Wien,1400.0,')
        .concat('not a code,XX,Nowhere,1,,,,,,,,,,\n')
        .concat('AT11,AT,Burgenland,abc,,,,,,,,,,\n'),
    );
    const historyBefore = await count('SELECT count(*) AS n FROM observation_history');
    const summary = await importObservationsFile(client, file);
    expect(summary.updated).toBe(1);
    expect(summary.inserted).toBe(0);
    expect(summary.skipped).toEqual({
      'region code is not a NUTS code': 1,
      'not a number in population_15_64_ths': 1,
    });
    const { rows } = await client.query(
      "SELECT value, version FROM observation WHERE indicator_code = 'population_15_64' AND region_code = 'AT13' AND breakdown = 'TOTAL'",
    );
    expect(rows).toEqual([{ value: 1400, version: 2 }]);
    expect(await count('SELECT count(*) AS n FROM observation_history')).toBe(historyBefore + 1);
    const history = await client.query('SELECT value FROM observation_history ORDER BY id DESC LIMIT 1');
    expect(history.rows).toEqual([{ value: 1373.4 }]);
    expect(await count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(1);
    // Running the same file again changes nothing more.
    expect(await importObservationsFile(client, file)).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('never turns an empty cell into a value', async () => {
    const file = copyOfShippedFile((csv) => csv.replace(/^AT11,.*$/m, 'AT11,AT,Burgenland,,,,,,,,,,,'));
    await importObservationsFile(client, file);
    // Values that were there stay (an empty cell means "not available", not "delete"); nothing becomes zero.
    expect(
      await count("SELECT count(*) AS n FROM observation WHERE region_code = 'AT11' AND value = 0"),
    ).toBe(0);
    expect(
      await count(
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
    const summary = await importObservationsFile(client, tsvFile);
    expect(summary.rowsRead).toBe(lines.length - 1);
    expect(summary.skipped).toEqual({});
  });
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src/subgraph';
import { sql } from './helpers';

const run = promisify(execFile);
const SERVICE = path.resolve(__dirname, '..');
const CLI = path.join(path.dirname(require.resolve('@hub/kit')), 'runtime/cli.js');
const DATA = path.join(SERVICE, 'data/eurostat_nuts2_migrant_integration_2025.csv');

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startTestSubgraph(subgraph, inject('databaseServerUrl'));
});
afterAll(async () => indicators?.stop());

/** `hub-subgraph import <file>` as an operator runs it (built code), on the test subgraph's database. */
function importCommand(file: string) {
  return run(process.execPath, [CLI, '--dir', SERVICE, 'import', file], {
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseServerUrl'),
      DATABASE_NAME: indicators.databaseName,
      LOG_LEVEL: 'warn',
    },
  });
}

describe('hub-subgraph import', () => {
  it('imports a changed file through the command of the subgraph definition and prints the summary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-command-'));
    const file = path.join(dir, 'extract.csv');
    writeFileSync(file, readFileSync(DATA, 'utf8').replace('AT13,AT,Wien,1373.4,', 'AT13,AT,Wien,1400.0,'));
    copyFileSync(DATA.replace(/\.csv$/, '.meta.json'), path.join(dir, 'extract.meta.json'));
    const { stdout } = await importCommand(file);
    expect(stdout).toMatch(/^rows read: +290$/m);
    expect(stdout).toMatch(/^updated: +1 /m);
    const [row] = await sql<{ value: number }>(
      indicators,
      "SELECT value FROM observation WHERE region_code = 'AT13' AND indicator_code = 'population_15_64' AND breakdown = 'TOTAL'",
    );
    expect(row).toEqual({ value: 1400 });
  });

  it('fails with the usage when no file is given', async () => {
    await expect(run(process.execPath, [CLI, '--dir', SERVICE, 'import'])).rejects.toMatchObject({
      stderr: expect.stringContaining('hub-subgraph import <file.csv|file.tsv>'),
    });
  });
});

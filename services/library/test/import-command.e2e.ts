import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@hub/kit';
import { afterAll, describe, expect, inject, it } from 'vitest';

// `hub-subgraph import <file>` as an operator runs it: the built CLI in a real process (`npm run build` runs
// before the tests), against a fresh database of the test run's PostgreSQL server.
const CLI = path.resolve(__dirname, '../../kit/dist/runtime/cli.js');
const SERVICE = path.resolve(__dirname, '..');
const CSV = path.resolve(__dirname, 'fixtures/resources.csv');
const DATABASE = `test_library_import_${randomBytes(3).toString('hex')}`;
const folder = mkdtempSync(path.join(tmpdir(), 'library-import-'));

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await dropDatabase(inject('databaseServerUrl'), DATABASE);
});

function importFile(file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', file], {
      cwd: SERVICE,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: inject('databaseServerUrl'),
        DATABASE_NAME: DATABASE,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const HEADER = 'key,publisher,kind,language,title,summary,publishedOn,territories';

describe('hub-subgraph import', () => {
  it('imports a file and prints a summary; the same file again changes nothing', async () => {
    const first = await importFile(CSV);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/rows read:\s+2\ninserted:\s+2\nupdated:\s+0\nunchanged:\s+0\n/);
    const again = await importFile(CSV);
    expect(again.out).toMatch(/inserted:\s+0\nupdated:\s+0\nunchanged:\s+2\n/);
  });

  it('rejects a file with a bad row, naming each bad row and why, and writes none of its rows', async () => {
    const good = 'new-1,cpmr,STUDY,en,A study of welcome desks,Findings.,2024-05-01,EL43';
    const mixed = path.join(folder, 'mixed.csv');
    writeFileSync(
      mixed,
      [
        HEADER,
        good,
        'bad-1,cpmr,POEM,en,ab,Bad.,2024-02-30,EL43',
        'bad-2,not an org,STUDY,en,Fine title,Ok.,2024-01-01,',
      ].join('\n'),
    );
    const rejected = await importFile(mixed);
    expect(rejected.code).toBe(1);
    const report = rejected.err + rejected.out;
    expect(report).toContain('2 row(s) cannot be imported; nothing was written');
    expect(report).toMatch(/row 2 \(key "bad-1"\): .*kind: unknown value\(s\): POEM/);
    expect(report).toMatch(/row 2 .*publishedOn: must be a real date/);
    expect(report).toMatch(/row 3 \(key "bad-2"\): publisher: must be an organisation id/);
    // the good row of the rejected file was not written: importing it alone inserts it now
    const alone = path.join(folder, 'good.csv');
    writeFileSync(alone, [HEADER, good].join('\n'));
    expect((await importFile(alone)).out).toMatch(/inserted:\s+1\n/);
  });
});

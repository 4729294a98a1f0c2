import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const KIT = path.resolve(__dirname, '../dist/index.js');
const dir = mkdtempSync(path.join(tmpdir(), 'hub-kit-pg-'));
chmodSync(dir, 0o755); // as root the server runs as the postgres user, which must enter the folder
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a script in a fresh Node process and resolves with its exit code. */
function exitCodeOf(script: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-e', script], { env: { ...process.env, KIT, DIR: dir } });
    child.once('exit', (code) => resolve(code));
  });
}

describe('embedded PostgreSQL inside a process', () => {
  it('regression: leaves the exit code of its process alone (a failing test run used to exit 0)', async () => {
    const script = `
      const { startEmbeddedPostgres } = require(process.env.KIT);
      startEmbeddedPostgres({ dataDir: process.env.DIR + '/pg', persistent: false })
        .then((pg) => pg.stop())
        .then(() => { process.exitCode = 3; });`;
    expect(await exitCodeOf(script)).toBe(3);
  });
});

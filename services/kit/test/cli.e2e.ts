import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../src/runtime/embedded-postgres';
import { readSubgraphsFileEntry } from '../src/runtime/subgraphs-file';
import { internalTokenHeaders, postGraphQL, startSubgraphProcess, TEST_INTERNAL_KEYS } from '../src/testing';
import { databaseUrl, dropDatabase } from '../src/data/database';

// The built CLI (`npm run build` runs before the tests) on a plain-JavaScript fixture subgraph.
const CLI = path.resolve(__dirname, '../dist/runtime/cli.js');
const FIXTURE = path.resolve(__dirname, 'fixtures/tiny-subgraph');

function run(
  args: string[],
  env: Record<string, string> = {},
  script = CLI,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const databases: string[] = [];
const temporary: string[] = [];
afterAll(async () => {
  for (const name of databases) await dropDatabase(inject('databaseServerUrl'), name);
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  rmSync(path.join(FIXTURE, 'schema.graphql'), { force: true });
  rmSync(path.join(FIXTURE, 'error-extensions.json'), { force: true });
});

function freshDatabaseName(): string {
  const name = `test_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  databases.push(name);
  return name;
}

describe('hub-subgraph', () => {
  it('emit-schema writes schema.graphql and the sorted error-extensions.json into the service folder', async () => {
    const result = await run(['--dir', FIXTURE, 'emit-schema']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const sdl = readFileSync(path.join(FIXTURE, 'schema.graphql'), 'utf8');
    expect(sdl).toContain('at: DateTime!');
    expect(sdl).toContain('day: Date!');
    expect(sdl).not.toContain('DateTimeISO');
    expect(readFileSync(path.join(FIXTURE, 'error-extensions.json'), 'utf8')).toBe(
      `${JSON.stringify(
        {
          currentStatus: 'string',
          currentVersion: 'integer',
          fieldErrors: 'fieldErrors',
          retryAfterSeconds: 'integer',
          unknownKeys: 'string[]',
        },
        null,
        2,
      )}\n`,
    );
  });

  it('runs a command of the definition with the arguments after its name', async () => {
    const result = await run(['--dir', FIXTURE, 'hello', 'big', '--world']);
    expect(result).toMatchObject({ code: 0, out: 'hello big --world\n' });
  });

  it('lists the commands, and fails on an unknown one', async () => {
    const help = await run(['--dir', FIXTURE, 'help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/emit-schema[\s\S]*migrate[\s\S]*hello <words…> +prints its arguments/);
    const unknown = await run(['--dir', FIXTURE, 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "nope"');
  });

  it('runs through the committed bin shim (what npm links as hub-subgraph) with the same exit codes', async () => {
    const bin = path.resolve(__dirname, '../bin/hub-subgraph.js');
    const packageBin = (
      JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as {
        bin: Record<string, string>;
      }
    ).bin;
    expect(path.resolve(__dirname, '..', packageBin['hub-subgraph']!)).toBe(bin);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const hello = await run(['--dir', FIXTURE, 'hello', 'shim'], {}, bin);
    expect(hello).toMatchObject({ code: 0, out: 'hello shim\n' });
    const unknown = await run(['--dir', FIXTURE, 'nope'], {}, bin);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "nope"');
    const none = await run([], {}, bin);
    expect(none.code).toBe(2);
  });

  it('fails with one readable line in a folder without a built subgraph', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hub-cli-'));
    temporary.push(empty);
    const result = await run(['--dir', empty, 'emit-schema']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('No package.json');
  });

  it('migrate creates the database, applies migrations and seeds once, and exits', async () => {
    const name = freshDatabaseName();
    const env = { DATABASE_URL: inject('databaseServerUrl'), DATABASE_NAME: name, LOG_LEVEL: 'silent' };
    expect((await run(['--dir', FIXTURE, 'migrate'], env)).code).toBe(0);
    expect((await run(['--dir', FIXTURE, 'migrate'], env)).code).toBe(0);
    const client = new Client({ connectionString: databaseUrl(inject('databaseServerUrl'), name) });
    await client.connect();
    try {
      expect((await client.query('SELECT id FROM tiny_note')).rows).toEqual([{ id: 'seeded' }]);
      expect((await client.query('SELECT name FROM hub_seed_runs')).rows).toEqual([{ name: 'first-note' }]);
    } finally {
      await client.end();
    }
  });

  it('migrate names a missing DATABASE_URL', async () => {
    const result = await run(['--dir', FIXTURE, 'migrate']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('DATABASE_URL: required');
  });

  it('start serves the definition (its settings from the environment) until SIGTERM, then exits 0', async () => {
    const name = freshDatabaseName();
    const server = await startSubgraphProcess(
      FIXTURE,
      {
        DATABASE_URL: inject('databaseServerUrl'),
        DATABASE_NAME: name,
        LOG_LEVEL: 'info',
        TINY_GREETING: 'bonjour',
      },
      'tiny',
    );
    try {
      const { body } = await postGraphQL(
        server.url,
        '{ greeting { text at day } }',
        {},
        await internalTokenHeaders(undefined, server.url),
      );
      expect(body).toEqual({
        data: { greeting: { text: 'bonjour', at: '1970-01-01T00:00:00.000Z', day: '2026-03-01' } },
      });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('start refuses a bad setting of the definition, naming the variable, before touching the database', async () => {
    const result = await run(['--dir', FIXTURE, 'start'], {
      DATABASE_URL: inject('databaseServerUrl'),
      DATABASE_NAME: freshDatabaseName(),
      INTERNAL_VERIFY_KEYS: TEST_INTERNAL_KEYS.gatewayPublicKey,
      PORT: '0',
      TINY_GREETING: '',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Invalid settings of the tiny subgraph:');
    expect(result.err).toContain('TINY_GREETING:');
  });

  it('start takes its default port from the nearest schema/subgraphs.json', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hub-cli-'));
    temporary.push(root);
    const port = await findFreePort();
    mkdirSync(path.join(root, 'schema'));
    writeFileSync(
      path.join(root, 'schema', 'subgraphs.json'),
      JSON.stringify({
        subgraphs: [
          { name: 'tiny', port, peers: ['regions'] },
          { name: 'other', port: 1 },
        ],
      }),
    );
    const service = path.join(root, 'services', 'tiny');
    mkdirSync(service, { recursive: true });
    writeFileSync(path.join(service, 'package.json'), JSON.stringify({ name: 'tiny', main: 'index.js' }));
    writeFileSync(path.join(service, 'index.js'), `module.exports = require(${JSON.stringify(FIXTURE)});\n`);
    expect(readSubgraphsFileEntry(service, 'tiny')).toEqual({ name: 'tiny', port, peers: ['regions'] });
    expect(readSubgraphsFileEntry(service, 'missing')).toBeUndefined();

    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: service,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        DATABASE_URL: inject('databaseServerUrl'),
        DATABASE_NAME: freshDatabaseName(),
        INTERNAL_VERIFY_KEYS: TEST_INTERNAL_KEYS.gatewayPublicKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 60_000);
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /"url":"(http:[^"]+)"[^\n]*"msg":"subgraph listening"/.exec(output);
          if (listening) {
            clearTimeout(timer);
            resolve(listening[1]!);
          }
        });
      });
      expect(url).toBe(`http://127.0.0.1:${port}/graphql`);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

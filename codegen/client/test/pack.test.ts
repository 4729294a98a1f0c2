import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

interface PackedManifest {
  name: string;
  private?: boolean;
  license: string;
  type: string;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** `npm pack` of the built package into a temporary folder, unpacked: exactly what a partner installs. */
let unpacked: string;
let work: string;
let files: string[];

beforeAll(() => {
  if (!existsSync(path.join(PACKAGE_DIR, 'dist/index.js'))) {
    throw new Error('Build @hub/client first (npm run build -w @hub/client): npm pack ships dist/.');
  }
  work = mkdtempSync(path.join(tmpdir(), 'hub-client-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed!.files.map((file) => file.path);
  execFileSync('tar', ['-xzf', path.join(work, packed!.filename), '-C', work]);
  unpacked = path.join(work, 'package');
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack of @hub/client', () => {
  it('ships the built ESM entry, its type declarations, the operations and the README, not sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/generated/graphql.js',
        'dist/generated/graphql.d.ts',
        'operations/dashboard.graphql',
        'operations/subscriptions.graphql',
      ]),
    );
    expect(files.filter((file) => /^(src|test)\/|\.map$|tsconfig|vitest|codegen\.yml/.test(file))).toEqual(
      [],
    );
  });

  it('has a manifest without workspace-only references, with exactly pinned runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as PackedManifest;
    expect(manifest).toMatchObject({ name: '@hub/client', license: 'EUPL-1.2', type: 'module' });
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    const all = {
      ...manifest.dependencies,
      ...manifest.devDependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    };
    expect(Object.keys(all).filter((name) => name.startsWith('@hub/'))).toEqual([]);
    expect(
      Object.values(all).filter((range) => /^(workspace|file|link|portal|git|github):/.test(range)),
    ).toEqual([]);
    expect(
      Object.entries(manifest.dependencies ?? {}).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version)),
    ).toEqual([]);
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([
      '@graphql-typed-document-node/core',
      'graphql',
      'graphql-ws',
    ]);
  });

  it('imports nothing Node-only, so browsers and bundlers can load it', () => {
    const sources = readdirSync(path.join(unpacked, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(unpacked, 'dist', file), 'utf8'));
    const imports = sources.flatMap((source) =>
      [
        ...source.matchAll(
          /^import\s+['"]([^'"]+)['"]|^(?:import|export)\s[^;"']*?\sfrom\s+['"]([^'"]+)['"]/gm,
        ),
      ].map((match) => match[1] ?? match[2]!),
    );
    const external = [...new Set(imports.filter((specifier) => !specifier.startsWith('.')))].sort();
    expect(external).toEqual(['graphql', 'graphql-ws/client']);
    expect(sources.join('\n')).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|__dirname/);
  });

  it('loads in Node with nothing but its declared dependencies', () => {
    // the unpacked package gets a node_modules of its three dependencies only (no @hub/* beside it)
    const modules = path.join(unpacked, 'node_modules');
    for (const dependency of ['@graphql-typed-document-node/core', 'graphql', 'graphql-ws']) {
      const target = path.dirname(require.resolve(`${dependency}/package.json`));
      mkdirSync(path.dirname(path.join(modules, dependency)), { recursive: true });
      symlinkSync(target, path.join(modules, dependency), 'dir');
    }
    const script = `
      const hub = await import(${JSON.stringify(path.join(unpacked, 'dist/index.js'))});
      const client = hub.createHubClient({ url: 'http://127.0.0.1:9/graphql' });
      console.log(JSON.stringify({
        client: Object.keys(client).sort(),
        error: new hub.HubError('x', 'FORBIDDEN').code,
        documents: Object.keys(hub).filter((name) => name.endsWith('Document')).length,
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: work,
      encoding: 'utf8',
    });
    const loaded = JSON.parse(output) as { client: string[]; error: string; documents: number };
    expect(loaded).toEqual({
      client: ['dispose', 'request', 'subscribe', 'subscribeSse'],
      error: 'FORBIDDEN',
      documents: expect.any(Number),
    });
    expect(loaded.documents).toBeGreaterThanOrEqual(25);
  });
});

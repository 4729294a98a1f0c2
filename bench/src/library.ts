import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { LibraryMapDocument, SearchLibraryDocument } from '@hub/codegen';
import { databaseUrl, dropDatabase } from '@hub/kit';
import { createGatewayServer, DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { hubGatewayConfig, startHub, type RunningHub } from '@hub/local';
import { print } from 'graphql';
import { Client } from 'pg';

/**
 * Benchmark (prints figures, asserts nothing) of the library subgraph (issue 14): 100,000 synthetic resources in
 * 5 languages are written to a JSON file and imported with the real command (`hub-subgraph import`, a child
 * process: its time and peak memory), into a whole hub on fresh `bench_library_*` databases (dropped at the end);
 * then search with facets and the NUTS 2 map are measured through the gateway (p50/p99, anonymous, no response
 * cache), and the main ones again through a second gateway with its response cache. Aims: search with facets p50 < 30 ms, map < 20 ms. Uses DATABASE_URL when set, else the embedded
 * PostgreSQL in .data/. Run as production runs (`NODE_ENV=production`, as `npm run bench:library` does).
 *   node bench/dist/library.js [--resources 100000] [--duration 5] [--connections 4]
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const REPO_ROOT = path.resolve(__dirname, '../..');
const KINDS = ['GOOD_PRACTICE', 'TRAINING_MATERIAL', 'STUDY', 'TOOLKIT', 'REPORT', 'DATASET'];
const AREAS = [
  'HOUSING',
  'HEALTH',
  'EDUCATION_AND_TRAINING',
  'EMPLOYMENT_AND_SKILLS',
  'COMMUNITY_SPONSORSHIP',
];
/** Words per language for titles and summaries (a real vocabulary, so stemming and stop words apply). */
const WORDS: Record<string, string[]> = {
  en: [
    'integration',
    'migrants',
    'refugees',
    'housing',
    'language',
    'courses',
    'welcome',
    'employment',
    'city',
    'mentoring',
  ],
  fr: [
    'intégration',
    'migrants',
    'réfugiés',
    'logement',
    'langue',
    'cours',
    'accueil',
    'emploi',
    'ville',
    'tutorat',
  ],
  de: [
    'Integration',
    'Migranten',
    'Flüchtlinge',
    'Wohnen',
    'Sprache',
    'Kurse',
    'Willkommen',
    'Arbeit',
    'Stadt',
    'Mentoring',
  ],
  el: [
    'ένταξη',
    'μετανάστες',
    'πρόσφυγες',
    'στέγαση',
    'γλώσσα',
    'μαθήματα',
    'υποδοχή',
    'απασχόληση',
    'πόλη',
    'καθοδήγηση',
  ],
  es: [
    'integración',
    'migrantes',
    'refugiados',
    'vivienda',
    'idioma',
    'cursos',
    'acogida',
    'empleo',
    'ciudad',
    'mentoría',
  ],
};
const LANGUAGES = Object.keys(WORDS);

/** A deterministic pseudo-random generator, so every run imports the same file. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

interface Region {
  code: string;
  name: string;
}

/** `count` import rows over the given NUTS 2 regions (names in titles, a third located). */
function syntheticRows(count: number, regions: Region[]): Array<Record<string, unknown>> {
  const pick = generator(14);
  return Array.from({ length: count }, (_, i) => {
    const language = LANGUAGES[i % LANGUAGES.length]!;
    const words = WORDS[language]!;
    const region = regions[pick(regions.length)]!;
    const word = () => words[pick(words.length)]!;
    return {
      key: `bench-${i}`,
      publisher: ['cpmr', 'eurocities', 'cor'][i % 3],
      kind: KINDS[pick(KINDS.length)],
      language,
      title: `${word()} ${word()} ${region.name}`,
      summary: `${word()} ${word()} ${word()} ${word()} ${word()}.`,
      body: `${word()} ${word()} **${word()}** ${word()}.`,
      publishedOn: `${2015 + pick(11)}-0${1 + pick(9)}-1${pick(10)}`,
      territories: [region.code],
      policyAreas: [AREAS[pick(AREAS.length)], AREAS[pick(AREAS.length)]],
      ...(i % 3 === 0 ? { longitude: -10 + pick(4000) / 100, latitude: 36 + pick(2500) / 100 } : {}),
    };
  });
}

/** `hub-subgraph import <file>` in a child process: wall time, and its peak RSS (VmHWM) read before it exits. */
async function runImport(
  hub: RunningHub,
  prefix: string,
  file: string,
): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      path.join(os.tmpdir(), `${prefix}-peak.js`),
      path.join(REPO_ROOT, 'services/kit/bin/hub-subgraph.js'),
      'import',
      file,
    ],
    {
      cwd: path.join(REPO_ROOT, 'services/library'),
      env: {
        ...process.env,
        DATABASE_URL: hub.databaseServerUrl,
        DATABASE_NAME: `${prefix}_library`,
        REGIONS_SUBGRAPH_URL: hub.subgraphs.regions!.url,
        // the import asks regions as the library subgraph (its own key; regions trusts it as a peer)
        INTERNAL_SIGNING_KEY: hub.secrets.subgraphKeys.library!.privateKey,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`import exited with ${code}:\n${output}`);
  return { seconds: (performance.now() - started) / 1000, output };
}

/** One request measured with autocannon (after a warm-up), anonymous: alone, then with `connections` at once. */
async function measure(
  target: { url: string },
  label: string,
  query: string,
  variables: object,
  duration: number,
  connections: number,
) {
  const body = JSON.stringify({ query, variables });
  const request = {
    url: target.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body,
  };
  const started = performance.now();
  const check = await fetch(target.url, request);
  const text = await check.text();
  const firstMs = performance.now() - started;
  if (!check.ok || text.includes('"errors"')) throw new Error(`${label}: ${text.slice(0, 500)}`);
  await autocannon({ ...request, duration: 1, connections: 1 });
  const figures = [];
  for (const parallel of [1, connections]) {
    const result = await autocannon({ ...request, duration, connections: parallel });
    figures.push(
      `${parallel} conn: p50 ${String(result.latency.p50).padStart(4)} p99 ${String(result.latency.p99).padStart(4)} ms ${result.requests.average.toFixed(0).padStart(4)} req/s${result.errors + result.non2xx ? ` ERRORS ${result.errors + result.non2xx}` : ''}`,
    );
  }
  console.log(`${label.padEnd(46)} first ${firstMs.toFixed(0).padStart(4)} ms | ${figures.join(' | ')}`);
}

async function main(): Promise<void> {
  const count = argument('resources', 100_000);
  const duration = argument('duration', 5);
  const connections = argument('connections', 4);
  const prefix = `bench_library_${randomBytes(3).toString('hex')}`;
  const file = path.join(os.tmpdir(), `${prefix}.json`);
  const peak = path.join(os.tmpdir(), `${prefix}-peak.js`);
  const progress = (step: string) => console.error(`… ${step}`);
  await writeFile(
    peak,
    `process.on('exit', () => { const m = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); process.stdout.write('peak memory (RSS): ' + (m ? Math.round(m[1] / 1024) + ' MB' : 'unknown') + '\\n'); });`,
  );
  progress(`starting the hub on ${prefix}_* databases`);
  const hub = await startHub({
    databaseServerUrl: process.env.DATABASE_URL,
    databasePrefix: prefix,
    logLevel: 'warn',
  });
  try {
    const regionsDb = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_regions`),
    });
    await regionsDb.connect();
    const regions = (
      await regionsDb.query<Region>(
        'SELECT code, name FROM region WHERE level = 2 AND is_eu AND NOT is_extra_regio ORDER BY code',
      )
    ).rows;
    await regionsDb.end();
    progress(
      `writing ${count.toLocaleString('en')} synthetic resources in ${LANGUAGES.length} languages to ${file}`,
    );
    await writeFile(file, JSON.stringify(syntheticRows(count, regions)));
    progress('importing them with hub-subgraph import');
    const imported = await runImport(hub, prefix, file);
    console.log(
      `\nimport of ${count.toLocaleString('en')} resources (${regions.length} EU NUTS 2 regions, ${LANGUAGES.join(', ')}):`,
    );
    console.log(imported.output.trim().replace(/^/gm, '  '));
    console.log(`  wall time of the command (with start-up and checks): ${imported.seconds.toFixed(1)} s`);
    const again = await runImport(hub, prefix, file);
    console.log(
      `  the same file again: ${again.seconds.toFixed(1)} s, ${/unchanged:\s+([\d,]+)/.exec(again.output)?.[1]} unchanged`,
    );

    const libraryDb = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_library`),
    });
    await libraryDb.connect();
    await libraryDb.query('ANALYZE resource');
    await libraryDb.end();

    console.log(
      `\nthrough the gateway, ${duration} s each alone and with ${connections} connections (aims: search p50 < 30 ms, map < 20 ms):`,
    );
    const search = print(SearchLibraryDocument);
    await measure(
      hub,
      'search "integration housing" + facets, 20',
      search,
      { filter: { query: 'integration housing' }, first: 20 },
      duration,
      connections,
    );
    await measure(
      hub,
      'search "réfugiés accueil" + facets, 20',
      search,
      { filter: { query: 'refugies accueil' }, first: 20 },
      duration,
      connections,
    );
    await measure(
      hub,
      'search with a typo in a region name + facets',
      search,
      { filter: { query: regions[7]!.name.replace(/.$/, 'x') }, first: 20 },
      duration,
      connections,
    );
    await measure(hub, 'facets of everything (no query), 20', search, { first: 20 }, duration, connections);
    await measure(
      hub,
      'filters (kind, area, country) + facets, 20',
      search,
      { filter: { kinds: ['STUDY'], policyAreas: ['HOUSING'], countries: ['DE'] }, first: 20 },
      duration,
      connections,
    );
    const map = print(LibraryMapDocument);
    await measure(hub, 'NUTS 2 map (all regions)', map, { level: 'NUTS2' }, duration, connections);
    await measure(
      hub,
      'NUTS 2 map, filtered by a query',
      map,
      { level: 'NUTS2', filter: { query: 'integration' } },
      duration,
      connections,
    );

    // the same subgraphs behind a gateway with its response cache (anonymous answers, emptied by writes)
    const cached = await createGatewayServer(
      hubGatewayConfig(hub.subgraphs, hub.secrets, {
        logLevel: 'warn',
        playground: false,
        responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS,
      }),
    );
    try {
      console.log(`\nthe same through a gateway with its response cache (anonymous callers):`);
      await measure(
        cached,
        'search "integration housing" + facets, 20',
        search,
        { filter: { query: 'integration housing' }, first: 20 },
        duration,
        connections,
      );
      await measure(
        cached,
        'facets of everything (no query), 20',
        search,
        { first: 20 },
        duration,
        connections,
      );
      await measure(cached, 'NUTS 2 map (all regions)', map, { level: 'NUTS2' }, duration, connections);
    } finally {
      await cached.stop();
    }
  } finally {
    // autocannon abandons the requests in flight when its time is up: let the gateway finish them first
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await hub.stop();
    await rm(file, { force: true });
    await rm(peak, { force: true });
    for (const name of Object.keys(hub.subgraphs))
      await dropDatabase(hub.databaseServerUrl, `${prefix}_${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

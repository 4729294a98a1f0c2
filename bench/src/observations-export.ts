import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { createGatewayServer } from '@hub/gateway';
import { importObservationsFile, SHIPPED_DATA_FILE } from '@hub/indicators';
import { databaseUrl, dropDatabase } from '@hub/kit';
import { hubGatewayConfig, newHubSecrets, startHub, type HubSecrets } from '@hub/local';
import { parse } from 'csv-parse';
import { Client } from 'pg';
import { graphql } from './bench-hub';

/**
 * Benchmark (prints figures, asserts nothing): the open data export `GET /exports/observations.csv` of about
 * 1,000,000 observations, and the memory of the gateway that streams it (issue 16: "a million-row export keeps
 * the gateway's memory flat").
 *
 * A whole hub in this process on fresh `bench_export_*` databases (dropped at the end). The indicators
 * database gets ~1,000,000 observations through the indicators `import` (as `bench:import` loads its million
 * rows): a file of the shipped extract's shape with one row per region of the regions subgraph (every level,
 * so every region name resolves), imported once per reference year until the count is reached. A second
 * gateway on the same subgraphs runs as its own process, so its memory is its own: it reports its RSS and V8
 * heap used every 100 ms. The export is downloaded from that gateway and parsed as it arrives (csv-parse),
 * counting rows; the row count is compared with the sum of `observations { totalCount }` over the indicators.
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in .data/.
 * With `--max-old-space <MB>` the gateway process runs with that V8 old-space limit (`--max-old-space-size`):
 * a download that finishes under a cap far below the file's size shows the memory is bounded, not only collected.
 *   node bench/dist/observations-export.js [--observations 1000000] [--max-old-space 128]
 */

/** The value columns of the shipped extract, in its order (the import reads them by header). */
const VALUE_COLUMNS = [
  'population_15_64_ths',
  'foreign_born_15_64_ths',
  'foreign_born_share_pct',
  'non_eu_born_share_pct',
  'foreign_citizen_share_pct',
  'employment_rate_native_born_pct',
  'employment_rate_foreign_born_pct',
  'employment_gap_pp',
  'unemployment_rate_native_born_pct',
  'unemployment_rate_foreign_born_pct',
  'net_migration_per_1000',
];

/** A memory sample of the gateway process, in bytes. */
interface MemorySample {
  rss: number;
  heapUsed: number;
}

type GatewayMessage = { kind: 'listening'; url: string } | ({ kind: 'memory' | 'collected' } & MemorySample);

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const progress = (step: string) => console.error(`… ${step}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The gateway process (this file run with `--gateway`): a hub gateway on the subgraphs the parent runs, sending
 * its memory every 100 ms; on `gc` it collects garbage first (the baseline), on `stop` it stops.
 */
async function runGatewayProcess(): Promise<void> {
  const [message] = (await once(process, 'message')) as [
    { subgraphs: Record<string, { name: string; url: string }>; secrets: HubSecrets },
  ];
  const gateway = await createGatewayServer(
    hubGatewayConfig(message.subgraphs, message.secrets, {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'warn',
      playground: false,
    }),
  );
  const report = (kind: 'memory' | 'collected' = 'memory') => {
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ kind, rss, heapUsed } satisfies GatewayMessage);
  };
  const sampler = setInterval(() => report(), 100);
  process.on('message', (command: string) => {
    if (command === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      report('collected');
    }
    if (command === 'stop') {
      clearInterval(sampler);
      void gateway.stop().then(() => process.exit(0));
    }
  });
  process.send!({ kind: 'listening', url: gateway.url } satisfies GatewayMessage);
}

/** Writes one row per region of the extract's shape; values vary by region and year, every 7th cell empty. */
async function writeRegionsFile(file: string, regions: string[]): Promise<void> {
  const out = createWriteStream(file);
  out.write(`nuts_id,country_code,region_name,${VALUE_COLUMNS.join(',')}\n`);
  for (const [i, code] of regions.entries()) {
    const values = VALUE_COLUMNS.map((_, k) =>
      (i * 7 + k * 13) % 97 === 0 ? '' : ((i * 31 + k * 17) % 900) / 10 - 5,
    );
    if (!out.write(`${code},${code.slice(0, 2)},Region ${code},${values.join(',')}\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const target = argument('observations', 1_000_000);
  // a cap on the gateway's V8 old space proves the bound: the export must finish within it
  const oldSpace = process.argv.includes('--max-old-space') ? argument('max-old-space', 0) : undefined;
  const prefix = `bench_export_${randomBytes(3).toString('hex')}`;
  // fresh keys; startHub adds each subgraph's pair, and the measured gateway gets the same ones
  const secrets = newHubSecrets();
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-export-bench-'));
  chmodSync(dir, 0o755);
  progress(`starting the hub on ${prefix}_* databases`);
  const hub = await startHub({
    databaseServerUrl: process.env.DATABASE_URL,
    databasePrefix: prefix,
    secrets,
    logLevel: 'warn',
  });
  let child: ChildProcess | undefined;
  try {
    const regionsDb = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_regions`),
    });
    await regionsDb.connect();
    const regions = (
      await regionsDb.query<{ code: string }>('SELECT code FROM region ORDER BY code')
    ).rows.map((row) => row.code);
    await regionsDb.end();

    // one import per reference year, counting down from the extract's year, until the target is reached
    const file = path.join(dir, 'regions.csv');
    await writeRegionsFile(file, regions);
    const meta = JSON.parse(readFileSync(SHIPPED_DATA_FILE.replace(/\.csv$/, '.meta.json'), 'utf8')) as {
      columns: Record<string, { reference_year: string }>;
    };
    const client = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_indicators`),
    });
    await client.connect();
    const loading = performance.now();
    let loaded = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM observation')).rows[0]!.n,
    );
    for (let year = 2024; loaded < target; year -= 1) {
      const metaFile = path.join(dir, `regions-${year}.meta.json`);
      for (const column of Object.values(meta.columns)) column.reference_year = String(year);
      writeFileSync(metaFile, JSON.stringify(meta));
      loaded += (await importObservationsFile(client, file, { metaFile })).inserted;
      progress(`${loaded.toLocaleString('en')} observations (down to ${year})`);
    }
    await client.query('ANALYZE observation');
    await client.end();
    const loadSeconds = (performance.now() - loading) / 1000;

    // the graph's own count of what the export must hold
    const { indicators } = await graphql<{ indicators: Array<{ code: string }> }>(
      hub,
      '{ indicators { code } }',
      {},
    );
    let expected = 0;
    for (const { code } of indicators) {
      const answer = await graphql<{ observations: { totalCount: number } }>(
        hub,
        'query ($indicator: ID!) { observations(indicator: $indicator, first: 0) { totalCount } }',
        { indicator: code },
      );
      expected += answer.observations.totalCount;
    }

    progress('starting the measured gateway as its own process');
    child = fork(__filename, ['--gateway'], {
      env: { ...process.env, NODE_ENV: 'production' },
      execArgv: ['--expose-gc', ...(oldSpace ? [`--max-old-space-size=${oldSpace}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // samples taken while downloading, with the rows the client had counted when each arrived
    const samples: Array<MemorySample & { rows: number }> = [];
    let latest: MemorySample = { rss: 0, heapUsed: 0 };
    let rows = -1; // the header row is not counted
    let downloading = false;
    let collected: ((sample: MemorySample) => void) | undefined;
    /** The gateway's memory right after a full garbage collection (its own answer, not a periodic sample). */
    const afterCollection = () =>
      new Promise<MemorySample>((resolve) => {
        collected = resolve;
        child!.send('gc');
      });
    const listening = new Promise<string>((resolve, reject) => {
      child!.once('exit', (code) => reject(new Error(`the gateway process exited with ${code}`)));
      child!.on('message', (message: GatewayMessage) => {
        if (message.kind === 'listening') resolve(message.url);
        else {
          latest = { rss: message.rss, heapUsed: message.heapUsed };
          if (message.kind === 'collected') collected?.(latest);
          else if (downloading) samples.push({ ...latest, rows: Math.max(rows, 0) });
        }
      });
    });
    child.send({
      subgraphs: Object.fromEntries(
        Object.values(hub.subgraphs).map(({ name, url }) => [name, { name, url }]),
      ),
      secrets,
    });
    const exportUrl = `${(await listening).replace(/\/graphql$/, '')}/exports/observations.csv`;

    // warm-up (plans cached, connections open), then the baseline after a garbage collection
    await (await fetch(`${exportUrl}?indicator=${indicators[0]!.code}&regions=${regions[0]}`)).text();
    await sleep(500);
    const baseline = await afterCollection();

    progress(`downloading ${exportUrl}`);
    downloading = true;
    const started = performance.now();
    const response = await fetch(exportUrl);
    if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
    let bytes = 0;
    const counter = parse();
    counter.on('data', () => (rows += 1));
    const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(body, counter);
    const seconds = (performance.now() - started) / 1000;
    await sleep(200); // the last sample after the end
    downloading = false;
    // what the gateway still holds once the download is over: garbage collected, only live objects remain
    const after = await afterCollection();
    const peak = {
      rss: Math.max(baseline.rss, ...samples.map((sample) => sample.rss)),
      heapUsed: Math.max(baseline.heapUsed, ...samples.map((sample) => sample.heapUsed)),
    };
    // flat means bounded: the peak of each tenth of the rows does not grow with the rows sent before it
    const tenths = Array.from({ length: 10 }, () => ({ rss: 0, heapUsed: 0 }));
    for (const sample of samples) {
      const tenth = tenths[Math.min(9, Math.floor((10 * sample.rows) / Math.max(rows, 1)))]!;
      tenth.rss = Math.max(tenth.rss, sample.rss);
      tenth.heapUsed = Math.max(tenth.heapUsed, sample.heapUsed);
    }
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `\nobservations export: ${loaded.toLocaleString('en')} observations of ${indicators.length} indicators over ${regions.length} regions (imported in ${loadSeconds.toFixed(1)} s)`,
    );
    console.log(
      `download: ${rows.toLocaleString('en')} rows (graph's totalCount ${expected.toLocaleString('en')}: ${rows === expected ? 'equal' : 'DIFFERENT'}), ${mb(bytes)}, ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`,
    );
    console.log(
      `gateway process memory (${samples.length} samples every 100 ms): RSS baseline ${mb(baseline.rss)}, peak ${mb(peak.rss)} (+${mb(peak.rss - baseline.rss)}); heap used baseline ${mb(baseline.heapUsed)}, peak ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - baseline.heapUsed)})`,
    );
    const perTenth = (key: keyof MemorySample) =>
      tenths.map((tenth) => (tenth[key] / 1024 / 1024).toFixed(0)).join(' ');
    console.log(`peak per tenth of the rows, MB: RSS ${perTenth('rss')}; heap used ${perTenth('heapUsed')}`);
    console.log(
      `after the download and a garbage collection: heap used ${mb(after.heapUsed)} (baseline ${mb(baseline.heapUsed)}), RSS ${mb(after.rss)}`,
    );
    console.log(
      `(node ${process.version}; gateway V8 old space ${oldSpace ? `capped at ${oldSpace} MB` : 'not capped'}; aim: memory flat, i.e. the peak independent of the row count)`,
    );
  } finally {
    if (child?.connected) {
      child.send('stop');
      await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    child?.kill();
    await hub.stop();
    for (const name of Object.keys(hub.subgraphs)) {
      await dropDatabase(hub.databaseServerUrl, `${prefix}_${name}`).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--gateway')) {
  runGatewayProcess().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

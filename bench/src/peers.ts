import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  EmploymentDashboardDocument,
  EmploymentRankingDocument,
  Level2RegionsDocument,
  RegionActivityDocument,
} from '@hub/codegen';
import {
  ANONYMOUS,
  dropDatabase,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_HEADER,
  parsePrivateKey,
  signInternalToken,
  startEmbeddedPostgres,
  subgraphIdentity,
} from '@hub/kit';
import { DEFAULT_DATA_DIR, newHubSecrets, REPO_ROOT, subgraphKeyEnv } from '@hub/local';
import { readSubgraphList, readSupergraph, startOrder } from '@hub/schema';
import { print } from 'graphql';

/**
 * Benchmark (prints figures, asserts nothing): the hub's gateway side by side with the gateways people would
 * pick instead, on the same supergraph and the same subgraph processes (issue 11).
 *
 * - Every subgraph runs as its own process (`hub-subgraph start`, as in production) on fresh `bench_peers_*`
 *   databases (dropped at the end); each gateway runs in its own process: the hub's gateway without and with
 *   its response cache, stock `@apollo/gateway` on `@apollo/server` (no plugins), Hive Gateway's runtime
 *   (`@graphql-hive/gateway-runtime`, defaults), and — for the regions-only query — the regions subgraph
 *   called directly, the physical limit. All send the internal token the subgraphs require; all run with
 *   NODE_ENV=production.
 * - Each query at 1 and 10 connections, after a warm-up of every target; rounds alternate the order of the
 *   targets; req/s is the mean over the rounds, p50/p99 are those of all the rounds' requests together, to a
 *   tenth of a millisecond. CPU is the target process's (user + system) per request, and the subgraphs' beside
 *   it; peak RSS is the process's high-water mark (VmHWM).
 * - Before measuring, every target's answer to every query is compared with the hub's: they do the same work;
 *   while measuring, an answer other than that one counts as an error.
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in .data/.
 *   node bench/dist/peers.js [--duration 5] [--rounds 2] [--connections 1,10] [--only dashboard,regions]
 *                            [--subgraphs regions,events,…]  (default: every subgraph of schema/subgraphs.json)
 *                            [--targets hub,cache,stock,hive,direct,before]  (default: all but `before`)
 *                            [--hub-before <folder>]  (`before`: a second hub gateway from a copy of an older
 *                                build's gateway/dist, for before/after figures in one run; put the copy where
 *                                it finds the repository's packages, e.g. node_modules/.hub-bench-before/)
 *                            [--cpu-prof <folder>]  (V8 CPU profiles of the hub gateway and the subgraphs)
 */

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberOption(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface ProcessHandle {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `node <args>` and waits for the line announcing its URL (`"url":"http…"` next to `msg`). */
function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  listening: RegExp,
  profile = false,
): Promise<ProcessHandle> {
  const profileDir = option('cpu-prof');
  // a profile is written when the process exits on its own (SIGTERM below), named after its pid
  const nodeOptions =
    profile && profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeOptions, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
      const match = listening.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining, ignore
      resolve({
        name,
        url: match[1]!,
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          // writing a CPU profile on exit takes a while on a loaded machine
          const grace = nodeOptions.length ? 60_000 : 10_000;
          await Promise.race([exited, new Promise((done) => setTimeout(done, grace))]);
          child.kill('SIGKILL');
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

/** CPU time (user + system) of a process so far, in milliseconds (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

interface Target {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
}

interface Query {
  name: string;
  body: string;
  /** Whether the direct subgraph call answers it too (regions-only queries). */
  direct: boolean;
}

interface Measurement {
  rps: number[];
  /** Every measured request's latency in ms, as autocannon timed it (to the microsecond), over all rounds. */
  latencies: number[];
  cpuMs: number;
  subgraphCpuMs: number;
  /** CPU per subgraph process, in ms, summed over the rounds. */
  cpuBySubgraph: Map<string, number>;
  /** The hub gateway only: its own timing of its subgraph fetches (metrics), summed over the rounds. */
  fetches: Map<string, { seconds: number; count: number }>;
  requests: number;
  errors: number;
}

/**
 * The hub gateway's `hub_subgraph_fetch_duration_seconds` sums and counts per subgraph (successful fetches), read
 * from its /metrics: where a hub request's time went, fetch by fetch.
 */
async function hubFetchTimes(target: {
  url: string;
}): Promise<Map<string, { seconds: number; count: number }>> {
  const text = await (await fetch(new URL('/metrics', target.url))).text();
  const times = new Map<string, { seconds: number; count: number }>();
  const line = /^hub_subgraph_fetch_duration_seconds_(sum|count)\{([^}]*)\} ([0-9.e+-]+)$/gm;
  for (const match of text.matchAll(line)) {
    const subgraph = /subgraph="([^"]+)"/.exec(match[2]!)?.[1];
    if (!subgraph || !match[2]!.includes('outcome="ok"')) continue;
    const entry = times.get(subgraph) ?? { seconds: 0, count: 0 };
    if (match[1] === 'sum') entry.seconds += Number(match[3]);
    else entry.count += Number(match[3]);
    times.set(subgraph, entry);
  }
  return times;
}

/**
 * The `share` percentile of latencies in ms, to a tenth of a millisecond: autocannon's own percentiles are whole
 * milliseconds, too coarse for a ratio of two latencies near 10 ms (8 against 10 or 12 ms moves it by a fifth).
 */
const percentile = (values: number[], share: number) =>
  Math.round(10 * [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(share * values.length) - 1)]!) / 10;

/** Seconds each target runs, unmeasured, before a query's first round. */
const WARM_UP_SECONDS = 3;

/** One autocannon run, each answered request's latency appended to `latencies`. */
function measure(options: autocannon.Options, latencies: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on('response', (_client, _status, _bytes, milliseconds) => latencies.push(milliseconds));
  });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The body a target answers (as text: every measured answer must equal it byte for byte). */
async function post(target: Target, body: string): Promise<string> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body,
  });
  return response.text();
}

const sameData = (a: string, b: string) => JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));

async function main(): Promise<void> {
  const duration = numberOption('duration', 5);
  const rounds = numberOption('rounds', 2);
  const connectionCounts = (option('connections') ?? '1,10').split(',').map(Number);
  const only = option('only')?.split(',');
  // fresh keys: the gateways sign with the gateway key, each subgraph holds its own key pair
  const secrets = newHubSecrets();
  const gatewaySigner = {
    issuer: GATEWAY_ISSUER,
    privateKey: parsePrivateKey(secrets.gatewayKeys.privateKey),
  };
  const regionsToken = () => signInternalToken(ANONYMOUS, gatewaySigner, subgraphIdentity('regions'));
  const prefix = `bench_peers_${randomBytes(3).toString('hex')}`;
  const progress = (step: string) => console.error(`… ${step}`);
  const stops: Array<() => Promise<void>> = [];
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(DEFAULT_DATA_DIR, 'postgres'), persistent: true });
  const databaseServerUrl = process.env.DATABASE_URL ?? embedded!.url;
  const folder = mkdtempSync(path.join(tmpdir(), 'hub-bench-peers-'));
  const subgraphs: ProcessHandle[] = [];
  try {
    // the subgraphs, in start order, each its own process
    const wanted = option('subgraphs')?.split(',');
    const entries = startOrder(readSubgraphList()).filter((entry) => !wanted || wanted.includes(entry.name));
    const urls: Record<string, string> = {};
    for (const entry of entries) {
      progress(`starting subgraph ${entry.name}`);
      const handle = await startProcess(
        entry.name,
        [
          path.join(REPO_ROOT, 'services/kit/dist/runtime/cli.js'),
          '--dir',
          `services/${entry.name}`,
          'start',
        ],
        {
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: databaseServerUrl,
          DATABASE_NAME: `${prefix}_${entry.name}`,
          ...subgraphKeyEnv(entry.name, secrets, entries),
          LOG_LEVEL: 'info',
          ...Object.fromEntries(
            entry.peers.map((peer) => [`${peer.toUpperCase()}_SUBGRAPH_URL`, urls[peer]!]),
          ),
        },
        /"url":"(http:[^"]+)"[^\n]*"msg":"subgraph listening"/,
        true,
      );
      if (option('cpu-prof')) console.error(`  ${entry.name}: pid ${handle.pid}`);
      subgraphs.push(handle);
      stops.push(handle.stop);
      urls[entry.name] = handle.url;
    }
    // the same supergraph for every gateway, with the subgraphs' actual URLs
    let supergraphSdl = readSupergraph();
    for (const entry of entries)
      supergraphSdl = supergraphSdl.split(`"${entry.url}"`).join(`"${urls[entry.name]}"`);
    const supergraphPath = path.join(folder, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphSdl);
    writeFileSync(
      path.join(folder, 'error-extensions.json'),
      readFileSync(path.join(REPO_ROOT, 'schema/error-extensions.json')),
    );

    const hubGateway = (cache: boolean) => ({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_SIGNING_KEY: secrets.gatewayKeys.privateKey,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PLAYGROUND: 'false',
      RESPONSE_CACHE: String(cache),
      // the bench sends thousands of requests a minute from one address: with the default anonymous limit
      // (600 a minute) most would be refused (429) and measure nothing. The limiter stays on, with limits far
      // above what the bench sends, so its per-request cost is still measured.
      RATE_LIMIT: 'true',
      RATE_LIMIT_ANONYMOUS: '100000000',
      RATE_LIMIT_SIGNED_IN: '100000000',
    });
    const gatewayListening = /"url":"(http:[^"]+)"[^\n]*"msg":"gateway listening"/;
    const peerListening = /"msg":"peer listening","url":"(http:[^"]+)"/;
    progress('starting the gateways');
    const wantedTargets = new Set((option('targets') ?? 'hub,cache,stock,hive').split(','));
    const hubBefore = option('hub-before');
    const peerEnv = { SUPERGRAPH_PATH: supergraphPath, INTERNAL_SIGNING_KEY: secrets.gatewayKeys.privateKey };
    const gatewayStarts: Array<[string, () => Promise<ProcessHandle>]> = [
      [
        'hub',
        () =>
          startProcess(
            'hub gateway',
            [path.join(REPO_ROOT, 'gateway/dist/main.js')],
            hubGateway(false),
            gatewayListening,
            true,
          ),
      ],
      [
        'before',
        () =>
          startProcess(
            'hub gateway, before',
            [path.join(path.resolve(hubBefore ?? 'gateway/dist'), 'main.js')],
            hubGateway(false),
            gatewayListening,
            true,
          ),
      ],
      [
        'cache',
        () =>
          startProcess(
            'hub gateway + response cache',
            [path.join(REPO_ROOT, 'gateway/dist/main.js')],
            hubGateway(true),
            gatewayListening,
          ),
      ],
      [
        'stock',
        () =>
          startProcess(
            'stock @apollo/gateway',
            [path.join(REPO_ROOT, 'bench/dist/peers/apollo-gateway.js')],
            peerEnv,
            peerListening,
          ),
      ],
      [
        'hive',
        () =>
          startProcess(
            'Hive Gateway',
            [path.join(REPO_ROOT, 'bench/dist/peers/hive-gateway.js')],
            peerEnv,
            peerListening,
          ),
      ],
    ];
    // the hub's gateway always: the other targets' answers and ratios are measured against it
    const gateways: ProcessHandle[] = [];
    for (const [key, start] of gatewayStarts) {
      if (key !== 'hub' && !(wantedTargets.has(key) && (key !== 'before' || hubBefore))) continue;
      const handle = await start();
      if (option('cpu-prof')) console.error(`  ${handle.name}: pid ${handle.pid}`);
      gateways.push(handle);
    }
    for (const gateway of gateways) stops.push(gateway.stop);
    const targets: Target[] = gateways.map(({ name, url, pid }) => ({ name, url, pid, headers: {} }));
    const regions = subgraphs.find((subgraph) => subgraph.name === 'regions')!;
    const directWanted = !option('targets') || wantedTargets.has('direct');
    const direct: Target = {
      name: 'regions subgraph, direct',
      url: regions.url,
      pid: regions.pid,
      // valid for 60 s; re-signed before each run below
      headers: { [INTERNAL_TOKEN_HEADER]: await regionsToken() },
    };

    const queries: Query[] = [
      {
        name: 'dashboard',
        body: JSON.stringify({ query: print(EmploymentDashboardDocument), variables: { first: 300 } }),
        direct: false,
      },
      {
        name: 'regions',
        body: JSON.stringify({ query: print(Level2RegionsDocument), variables: { first: 100, eu: true } }),
        direct: true,
      },
      {
        name: 'activity',
        body: JSON.stringify({ query: print(RegionActivityDocument), variables: { code: 'FRH0', first: 5 } }),
        direct: false,
      },
      {
        name: 'ranking',
        body: JSON.stringify({
          query: print(EmploymentRankingDocument),
          variables: { country: 'DE', first: 10 },
        }),
        direct: false,
      },
    ].filter((query) => !only || only.includes(query.name));

    // the same answers everywhere; during the runs, any other body counts as an error
    const answers = new Map<string, string>();
    for (const query of queries) {
      const expected = await post(targets[0]!, query.body);
      if (!expected.includes('"data"') || expected.includes('"errors"'))
        throw new Error(`${query.name}: the hub's gateway answered ${expected.slice(0, 300)}`);
      answers.set(`${query.name} ${targets[0]!.name}`, expected);
      for (const target of [...targets.slice(1), ...(query.direct ? [direct] : [])]) {
        const answer = await post(target, query.body);
        answers.set(`${query.name} ${target.name}`, answer);
        if (!sameData(answer, expected)) {
          console.log(`! ${target.name} answers ${query.name} differently: ${answer.slice(0, 300)}`);
        }
      }
    }

    const rows: string[] = [];
    // issue 11's target: 100 regions through the gateway at p50 <= 1.3x the direct subgraph call
    const regionRatios: string[] = [];
    for (const query of queries) {
      for (const connections of connectionCounts) {
        const queryTargets = query.direct && directWanted ? [...targets, direct] : targets;
        const results = new Map<string, Measurement>(
          queryTargets.map((target) => [
            target.name,
            {
              rps: [],
              latencies: [],
              cpuMs: 0,
              subgraphCpuMs: 0,
              cpuBySubgraph: new Map(),
              fetches: new Map(),
              requests: 0,
              errors: 0,
            },
          ]),
        );
        const requestFor = async (target: Target) => {
          if (target === direct) direct.headers[INTERNAL_TOKEN_HEADER] = await regionsToken();
          return {
            url: target.url,
            method: 'POST' as const,
            headers: { 'content-type': 'application/json', ...target.headers },
            body: query.body,
            expectBody: answers.get(`${query.name} ${target.name}`)!,
          };
        };
        // Every target and the subgraphs behind it warm up before the first round: the target measured first
        // would otherwise meet subgraphs whose code is not optimised yet (the first round of 100 regions ran
        // 1-3 ms slower in the subgraph, whichever target it was).
        for (const target of queryTargets) {
          progress(`${query.name}, ${connections} connection(s), warm-up: ${target.name}`);
          await autocannon({ ...(await requestFor(target)), duration: WARM_UP_SECONDS, connections });
        }
        for (let round = 0; round < rounds; round += 1) {
          // alternate the order: no target always runs right after a heavy one
          const order = round % 2 === 0 ? queryTargets : [...queryTargets].reverse();
          for (const target of order) {
            progress(`${query.name}, ${connections} connection(s), round ${round + 1}: ${target.name}`);
            const request = await requestFor(target);
            await autocannon({ ...request, duration: 1, connections }); // warm-up after the previous target
            const isHub = target.name === 'hub gateway';
            const fetchesBefore = isHub ? await hubFetchTimes(target) : undefined;
            const cpuBefore = cpuMs(target.pid);
            const subgraphsBefore = subgraphs.map((s) => cpuMs(s.pid));
            const measurement = results.get(target.name)!;
            const result = await measure({ ...request, duration, connections }, measurement.latencies);
            measurement.cpuMs += cpuMs(target.pid) - cpuBefore;
            subgraphs.forEach((s, index) => {
              const used = cpuMs(s.pid) - subgraphsBefore[index]!;
              measurement.subgraphCpuMs += used;
              measurement.cpuBySubgraph.set(s.name, (measurement.cpuBySubgraph.get(s.name) ?? 0) + used);
            });
            if (fetchesBefore) {
              for (const [subgraph, after] of await hubFetchTimes(target)) {
                const before = fetchesBefore.get(subgraph) ?? { seconds: 0, count: 0 };
                const sum = measurement.fetches.get(subgraph) ?? { seconds: 0, count: 0 };
                sum.seconds += after.seconds - before.seconds;
                sum.count += after.count - before.count;
                if (sum.count) measurement.fetches.set(subgraph, sum);
              }
            }
            measurement.requests += result.requests.total;
            measurement.errors += result.errors + result.non2xx + result.mismatches;
            measurement.rps.push(result.requests.average);
          }
        }
        const hubRps = mean(results.get('hub gateway')!.rps);
        for (const target of queryTargets) {
          const m = results.get(target.name)!;
          const rps = mean(m.rps);
          const perRequest = (ms: number) => (m.requests ? (ms / m.requests).toFixed(1) : '–');
          const ratio = target.name === 'hub gateway' ? '' : `   hub/this ${(hubRps / rps).toFixed(2)}×`;
          rows.push(
            `${query.name.padEnd(9)} ${String(connections).padStart(3)}  ${target.name.padEnd(28)} ${rps.toFixed(1).padStart(8)} req/s  p50 ${percentile(m.latencies, 0.5).toFixed(1).padStart(5)} ms  p99 ${percentile(m.latencies, 0.99).toFixed(1).padStart(5)} ms  CPU ${perRequest(m.cpuMs).padStart(6)} ms/req (subgraphs ${perRequest(m.subgraphCpuMs)})  peak RSS ${peakRssMb(target.pid).toFixed(0)} MB  errors ${m.errors}${ratio}`,
          );
        }
        console.log(rows.slice(-queryTargets.length).join('\n'));
        // where each target's requests spent their time: each subgraph's CPU per request and, for the hub, its
        // fetch from that subgraph (as the hub timed it)
        for (const target of queryTargets) {
          const m = results.get(target.name)!;
          const perSubgraph = subgraphs
            .map((s) => {
              const fetched = m.fetches.get(s.name);
              const cpu = m.requests ? (m.cpuBySubgraph.get(s.name) ?? 0) / m.requests : 0;
              if (!fetched && cpu < 0.05) return '';
              const time = fetched
                ? `fetch ${((fetched.seconds * 1000) / fetched.count).toFixed(1)} ms × ${(fetched.count / m.requests).toFixed(1)}, `
                : '';
              return `${s.name} ${time}CPU ${cpu.toFixed(1)}`;
            })
            .filter(Boolean);
          if (!perSubgraph.length) continue;
          rows.push(`${''.padEnd(14)}${target.name}, per subgraph (ms/req): ${perSubgraph.join('; ')}`);
          console.log(rows.at(-1));
        }
        const directResult = results.get(direct.name);
        if (query.name === 'regions' && directResult) {
          const hub = results.get('hub gateway')!;
          const [hubP50, directP50] = [
            percentile(hub.latencies, 0.5),
            percentile(directResult.latencies, 0.5),
          ];
          const ratio = hubP50 / directP50;
          const invalid = hub.errors || directResult.errors ? ' (INVALID: errors during the run)' : '';
          // the hub shares identical reads in flight (in-flight.ts): with several connections sending the same
          // body, one subgraph fetch answers several requests, which the direct call cannot do. Say so beside
          // the ratio, with the subgraph CPU each request cost either way.
          const subgraphPerRequest = (m: Measurement) => (m.requests ? m.subgraphCpuMs / m.requests : NaN);
          const sharing =
            subgraphPerRequest(hub) < 0.8 * subgraphPerRequest(directResult)
              ? `; identical requests in flight shared subgraph fetches (subgraph CPU ${subgraphPerRequest(hub).toFixed(1)} ms/req through the hub, ${subgraphPerRequest(directResult).toFixed(1)} direct)`
              : '';
          regionRatios.push(
            `  ${String(connections).padStart(3)} connection(s): hub p50 ${hubP50} ms / direct p50 ${directP50} ms = ${ratio.toFixed(2)}× (target <= 1.3×: ${ratio <= 1.3 ? 'met' : 'not met'}${sharing})${invalid}`,
          );
        }
      }
    }
    if (regionRatios.length) {
      console.log(
        `\n100 regions (Level2Regions), hub gateway p50 / direct subgraph p50:\n${regionRatios.join('\n')}`,
      );
    }
    console.log(
      `\n(node ${process.version}; ${duration} s × ${rounds} rounds per target; NODE_ENV=production everywhere; subgraphs as separate processes)`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const subgraph of readSubgraphList()) {
      await dropDatabase(databaseServerUrl, `${prefix}_${subgraph.name}`).catch(() => undefined);
    }
    await embedded?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

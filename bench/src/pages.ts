import 'reflect-metadata';
import autocannon from 'autocannon';
import { startHub } from '@hub/local';
import { REGION_PROFILE_QUERY } from '@hub/web';

/**
 * Benchmark (prints figures): the server-rendered pages through the gateway — a region's profile page
 * (`GET /regions/FRH0`, one fixed operation over every subgraph, rendered to HTML), a round of profiles of other
 * regions (a country, a NUTS 1 and NUTS 2 regions with and without data), and the integration dashboard
 * (`GET /dashboards/integration` and its data, `/dashboards/integration/data`) when the gateway serves it:
 * p50/p99 latency, requests/second, page size and the SQL statements each subgraph sends for one request.
 * The aim for the profile page is under 100 ms at p50 (printed, not asserted). Uses DATABASE_URL when set, else
 * the embedded PostgreSQL in .data/.
 *   node bench/dist/pages.js [--duration 10] [--connections 4]
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Profiles of regions of every level, with and without indicator values and geometry. */
const OTHER_REGIONS = ['AT13', 'DE21', 'EL43', 'FR', 'FRH', 'ES51', 'PL91', 'NO08'];

const PROFILE_AIM_MS = 100;

async function main(): Promise<void> {
  const duration = argument('duration', 10);
  const connections = argument('connections', 4);
  const hub = await startHub({ databaseServerUrl: process.env.DATABASE_URL, logLevel: 'warn' });
  const origin = new URL(hub.url).origin;
  try {
    /** One request, its status and size, and the SQL statements each subgraph sent for it. */
    const probe = async (path: string) => {
      // requests of the previous run still in flight would count their statements here too
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = Object.fromEntries(
        Object.entries(hub.subgraphs).map(([name, s]) => [name, s.sqlStatementsSent()]),
      );
      const response = await fetch(`${origin}${path}`);
      const bytes = (await response.arrayBuffer()).byteLength;
      const statements = Object.entries(hub.subgraphs)
        .map(([name, s]) => [name, s.sqlStatementsSent() - before[name]!] as const)
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ');
      return { status: response.status, bytes, statements };
    };
    const measure = async (label: string, paths: string[], clients = connections) => {
      const first = await probe(paths[0]!);
      if (first.status !== 200) {
        console.log(`\n${label}: skipped (${paths[0]} answers ${first.status})`);
        return undefined;
      }
      const options = {
        url: origin,
        connections: clients,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      };
      await autocannon({ ...options, duration: 2 }); // warm-up: planner caches, connection pools, JIT
      const result = await autocannon({ ...options, duration });
      console.log(`\n${label}: ${paths.length === 1 ? paths[0] : paths.join(' ')}`);
      console.log(
        `  first response ${(first.bytes / 1024).toFixed(1)} KiB; SQL statements for it: ${first.statements || 'none'}`,
      );
      console.log(
        `  ${clients} connection${clients === 1 ? '' : 's'}, ${duration} s: ${result.requests.average.toFixed(1)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${result.errors + result.non2xx}`,
      );
      return result;
    };

    console.log(`pages through the gateway at ${origin} (node ${process.version})`);
    const profile = await measure('profile page, one client', ['/regions/FRH0'], 1);
    // the same operation as a client's POST: what the page costs beyond the graph is the difference
    const operation = {
      url: hub.url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: REGION_PROFILE_QUERY, variables: { code: 'FRH0', lang: 'EN' } }),
    };
    await autocannon({ ...operation, connections: 1, duration: 2 });
    const graph = await autocannon({ ...operation, connections: 1, duration });
    console.log(
      `\nthe profile's operation alone (POST /graphql, FRH0), 1 connection, ${duration} s: ${graph.requests.average.toFixed(1)} req/s   p50 ${graph.latency.p50} ms   p99 ${graph.latency.p99} ms   errors ${graph.errors + graph.non2xx}`,
    );
    await measure('profile page', ['/regions/FRH0']);
    await measure(
      'profile pages, other regions in turn',
      OTHER_REGIONS.map((code) => `/regions/${code}`),
    );
    await measure('profile fragment (<hub-profile>)', ['/regions/FRH0?fragment=1&lang=fr']);
    await measure('dashboard page', ['/dashboards/integration']);
    await measure('dashboard data', ['/dashboards/integration/data']);
    if (profile) {
      const p50 = profile.latency.p50;
      console.log(
        `\nprofile page p50 ${p50} ms: ${p50 < PROFILE_AIM_MS ? 'within' : 'ABOVE'} the aim of ${PROFILE_AIM_MS} ms`,
      );
    }
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

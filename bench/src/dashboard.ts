import 'reflect-metadata';
import autocannon from 'autocannon';
import { EmploymentDashboardDocument } from '@hub/codegen';
import { startHub } from '@hub/local';
import { print } from 'graphql';

/**
 * Benchmark (prints figures): the dashboard query for every EU NUTS 2 region (names from regions, employment
 * figures from indicators) through the gateway — p50/p99 latency, requests/second, and the SQL statements each
 * subgraph sends for one such request. Uses DATABASE_URL when set, else the embedded PostgreSQL in .data/.
 *   node bench/dist/dashboard.js [--duration 10] [--connections 4]
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const duration = argument('duration', 10);
  const connections = argument('connections', 4);
  const hub = await startHub({ databaseServerUrl: process.env.DATABASE_URL, logLevel: 'warn' });
  try {
    const body = JSON.stringify({ query: print(EmploymentDashboardDocument), variables: { first: 300 } });
    const send = () =>
      fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) =>
        r.json(),
      );
    const before = Object.fromEntries(
      Object.entries(hub.subgraphs).map(([name, s]) => [name, s.sqlStatementsSent()]),
    );
    const answer = (await send()) as { data?: { regions: { edges: unknown[] } } };
    const statements = Object.entries(hub.subgraphs)
      .map(([name, s]) => `${name} ${s.sqlStatementsSent() - before[name]!}`)
      .join(', ');
    const options = {
      url: hub.url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body,
    };
    await autocannon({ ...options, duration: 2, connections }); // warm-up
    const result = await autocannon({ ...options, duration, connections });
    console.log(
      `\ndashboard: ${answer.data?.regions.edges.length ?? 0} EU NUTS 2 regions per request, through the gateway`,
    );
    console.log(`SQL statements per request: ${statements}`);
    console.log(
      `${connections} connections, ${duration} s: ${result.requests.average.toFixed(1)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${result.errors + result.non2xx}   (node ${process.version})`,
    );
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

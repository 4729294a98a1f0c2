import 'reflect-metadata';
import autocannon from 'autocannon';
import {
  ANONYMOUS,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_HEADER,
  parsePrivateKey,
  signInternalToken,
  subgraphIdentity,
} from '@hub/kit';
import { startHub } from '@hub/local';

/**
 * Benchmark (prints figures, asserts nothing): requests/second and p50/p99 latency of
 * `regions(level: 2, first: 100)` sent directly to the regions subgraph and through the gateway.
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in .data/.
 *   npm run bench -- [--duration 10] [--connections 10]
 */
const QUERY = /* GraphQL */ `
  query Level2Page {
    regions(level: 2, first: 100) {
      totalCount
      edges {
        node {
          code
          name
          nationalName
          isoCountryCode
          isEu
        }
      }
    }
  }
`;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  duration: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<Figures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
    duration,
    connections,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const duration = argument('duration', 10);
  const connections = argument('connections', 10);
  const hub = await startHub({ databaseServerUrl: process.env.DATABASE_URL, logLevel: 'warn' });
  try {
    const regionsUrl = hub.subgraphs.regions!.url;
    // What the gateway sends for an anonymous caller; the bench signs it once, the gateway per request.
    const internal = {
      [INTERNAL_TOKEN_HEADER]: await signInternalToken(
        ANONYMOUS,
        { issuer: GATEWAY_ISSUER, privateKey: parsePrivateKey(hub.secrets.gatewayKeys.privateKey) },
        subgraphIdentity('regions'),
      ),
    };
    // Warm up both paths (JIT, connection pools, query plan cache).
    await load(regionsUrl, 2, connections, internal);
    await load(hub.url, 2, connections);
    const direct = await load(regionsUrl, duration, connections, internal);
    const gateway = await load(hub.url, duration, connections);
    const row = (name: string, f: Figures) =>
      `${name.padEnd(22)} ${f.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors + f.non2xx}`;
    console.log(
      `\nregions(level: 2, first: 100) — ${connections} connections, ${duration} s each (node ${process.version})`,
    );
    if (direct.errors + direct.non2xx || gateway.errors + gateway.non2xx)
      console.log('WARNING: some requests failed');
    console.log(row('regions subgraph', direct));
    console.log(row('through the gateway', gateway));
    console.log(
      `gateway / direct: ${(gateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}× throughput, ` +
        `${(gateway.p50 / Math.max(direct.p50, 1)).toFixed(2)}× p50 latency`,
    );
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

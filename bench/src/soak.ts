import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CreateEventDocument,
  EmploymentRankingDocument,
  PartnershipEventsDocument,
  RegionActivityDocument,
  SearchLibraryDocument,
} from '@hub/codegen';
import { DEFAULT_RESPONSE_CACHE_SETTINGS, issueClientToken } from '@hub/gateway';
import { dropDatabase } from '@hub/kit';
import { HUB_SUBGRAPHS, LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, newHubSecrets, startHub } from '@hub/local';
import { print } from 'graphql';

/**
 * Soak benchmark (prints figures, asserts nothing; issue 12): `--clients` clients (default 50) send mixed reads
 * and writes through the gateway for `--duration` seconds (default 60), each one request after the other. A
 * whole hub as `npm start` runs it (response cache on) on fresh `bench_soak_*` databases, dropped at the end.
 *
 * Of every ten requests of a client, seven are reads (anonymous: a region's activity page, the events list, a
 * ranking, a library search; some of them answered from the response cache) and three writes of the client's
 * own partner account (create an event draft, then change its title twice with its version), which also
 * empty the cache entries they touch. Prints per kind: requests, errors by code (aim: 0), p50/p99, and the
 * process's peak RSS. Uses DATABASE_URL when set, else the embedded PostgreSQL in .data/.
 *   node bench/dist/soak.js [--clients 50] [--duration 60]
 */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const UPDATE_EVENT = /* GraphQL */ `
  mutation SoakUpdateEvent($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      id
      version
      title
    }
  }
`;

const READS = [
  { name: 'RegionActivity', query: print(RegionActivityDocument), variables: { code: 'FRH0', first: 5 } },
  {
    name: 'PartnershipEvents',
    query: print(PartnershipEventsDocument),
    variables: { filter: { statuses: ['PUBLISHED', 'CANCELLED'] }, first: 10 },
  },
  {
    name: 'EmploymentRanking',
    query: print(EmploymentRankingDocument),
    variables: { country: 'DE', first: 10 },
  },
  {
    name: 'SearchLibrary',
    query: print(SearchLibraryDocument),
    variables: { filter: { query: 'integration' }, first: 10 },
  },
];

interface Outcome {
  kind: string;
  ms: number;
  /** null: success; else the error code (HTTP status when the body has none). */
  error: string | null;
}

async function send(url: string, query: string, variables: unknown, token?: string) {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { id?: string; version?: number } | null>;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    const error = body.errors?.length
      ? (body.errors[0]?.extensions?.code ?? `HTTP ${response.status}`)
      : response.ok
        ? null
        : `HTTP ${response.status}`;
    return { ms: performance.now() - started, error, data: body.data };
  } catch (caught) {
    return {
      ms: performance.now() - started,
      error: `NETWORK ${(caught as Error).message}`,
      data: undefined,
    };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const clients = option('clients', 50);
  const durationMs = option('duration', 60) * 1000;
  const prefix = `bench_soak_${randomBytes(3).toString('hex')}`;
  const secrets = newHubSecrets();
  console.error(`… starting the hub on ${prefix}_* databases (response cache on, as npm start)`);
  const hub = await startHub({
    databaseServerUrl: process.env.DATABASE_URL,
    databasePrefix: prefix,
    secrets,
    logLevel: 'warn',
    responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS,
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const outcomes: Outcome[] = [];
  try {
    const tokens = await Promise.all(
      Array.from({ length: clients }, (_, index) =>
        issueClientToken({
          secret: secrets.jwtSecret,
          issuer: LOCAL_TOKEN_ISSUER,
          audience: LOCAL_TOKEN_AUDIENCE,
          subject: `soak-client-${index}`,
          name: `Soak client ${index}`,
          organisationId: 'cpmr',
          roles: ['contributor'],
          ttlSeconds: 3600,
        }),
      ),
    );
    console.error(`… ${clients} clients for ${durationMs / 1000} s`);
    const deadline = performance.now() + durationMs;
    const client = async (index: number) => {
      const token = tokens[index]!;
      let own: { id: string; version: number } | undefined;
      for (let step = index; performance.now() < deadline; step += 1) {
        const slot = step % 10;
        if (slot < 7) {
          const read = READS[step % READS.length]!;
          const { ms, error } = await send(hub.url, read.query, read.variables);
          outcomes.push({ kind: 'read', ms, error });
        } else if (!own || slot === 7) {
          const start = new Date(Date.UTC(2028, index % 12, 1 + (step % 27), 9)).toISOString();
          const { ms, error, data } = await send(
            hub.url,
            print(CreateEventDocument),
            {
              input: {
                idempotencyKey: randomUUID(),
                title: `Soak workshop ${index}-${step}`,
                summary: 'A draft written by the soak benchmark.',
                kind: 'WORKSHOP',
                strand: 'CAPACITY_BUILDING',
                startsAt: start,
                endsAt: new Date(Date.parse(start) + 2 * 3600_000).toISOString(),
                timeZone: 'Europe/Brussels',
                format: 'ONLINE',
                onlineUrl: 'https://example.org/soak',
                hostRegions: ['BE10'],
                organisers: ['cpmr'],
              },
            },
            token,
          );
          outcomes.push({ kind: 'write', ms, error });
          const created = data?.createEvent;
          if (!error && created?.id && created.version) own = { id: created.id, version: created.version };
        } else {
          const { ms, error, data } = await send(
            hub.url,
            UPDATE_EVENT,
            {
              input: { id: own.id, version: own.version, title: `Soak workshop ${index}-${step} (renamed)` },
            },
            token,
          );
          outcomes.push({ kind: 'write', ms, error });
          const updated = data?.updateEvent;
          if (!error && updated?.version) own = { id: own.id, version: updated.version };
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  } finally {
    clearInterval(sampler);
    await hub.stop();
    if (process.env.DATABASE_URL) {
      for (const definition of HUB_SUBGRAPHS)
        await dropDatabase(hub.databaseServerUrl, `${prefix}_${definition.name}`).catch(() => undefined);
    }
  }

  console.log(
    `soak: ${clients} clients × ${durationMs / 1000} s through the gateway (NODE_ENV=${process.env.NODE_ENV ?? ''})`,
  );
  for (const kind of ['read', 'write', 'all']) {
    const of = outcomes.filter((outcome) => kind === 'all' || outcome.kind === kind);
    const times = of.map((outcome) => outcome.ms).sort((a, b) => a - b);
    const errors = new Map<string, number>();
    for (const outcome of of)
      if (outcome.error) errors.set(outcome.error, (errors.get(outcome.error) ?? 0) + 1);
    const errorText = errors.size ? [...errors].map(([code, count]) => `${code} ${count}`).join(', ') : '0';
    console.log(
      `  ${kind.padEnd(5)} ${String(of.length).padStart(7)} requests (${(of.length / (durationMs / 1000)).toFixed(1)}/s), errors: ${errorText}, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
  }
  console.log(`  peak RSS of the process (hub and clients): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

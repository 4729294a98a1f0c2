import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { CreateEventDocument } from '@hub/codegen';
import { createGatewayServer, issueClientToken, type RunningGateway } from '@hub/gateway';
import { createLogger, createPostgresEventBus, databaseUrl, dropDatabase, type EventBus } from '@hub/kit';
import { waitFor } from '@hub/kit/testing';
import { readSubgraphList, startOrder } from '@hub/schema';
import { print } from 'graphql';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { hubGatewayConfig, REPO_ROOT } from '../src/hub';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, newHubSecrets, subgraphKeyEnv } from '../src/secrets';

/**
 * Issue 12's check "SIGTERM while 20 clients write → every acknowledged write is in the database and its
 * event delivered", on the real `events` subgraph run as a container runs it (its own process, started by
 * the kit's `hub-subgraph start` with the environment of a deployment), with its peer `regions` likewise and a
 * real gateway in front. 20 clients create events through the gateway with signed tokens; the events process
 * gets SIGTERM mid-way and is started again on the same port. Then: every write the gateway acknowledged is a
 * row of the events database, and every committed write's domain event (its outbox row, by event id) reached
 * a listener on the bus the subgraph publishes to (LISTEN/NOTIFY on its database). Repeats are fine
 * (at-least-once), losses are not. Writes refused while the subgraph was away must fail with a clean error.
 */
const CLIENTS = 20;
const TOPIC = 'events.eventChanged';
/** The codes a write may fail with while its subgraph stops and starts: named unavailability, nothing else. */
const CLEAN_FAILURES = new Set(['SUBGRAPH_UNAVAILABLE']);
const SUBGRAPHS = ['regions', 'events'];
const LISTENING = /"url":"(http:[^"]+)"[^\n]*"msg":"subgraph listening"/;

const serverUrl = inject('databaseServerUrl');
const prefix = `hub_t_sigterm_${randomBytes(3).toString('hex')}`;
const databaseOf = (name: string) => `${prefix}_${name}`;
const secrets = newHubSecrets();
const entries = startOrder(readSubgraphList()).filter((entry) => SUBGRAPHS.includes(entry.name));
const logger = createLogger('sigterm-test', 'silent');

interface SubgraphProcess {
  child: ChildProcess;
  url: string;
  /** The exit code (null when killed by a signal it did not handle). */
  exited: Promise<number | null>;
  /** What it printed (JSON log lines), for a failure's message. */
  output(): string;
}

/** Every process started, also one still starting when a test gave up on it: all are stopped at the end. */
const spawned: Array<Pick<SubgraphProcess, 'child' | 'exited'>> = [];

/** Starts `name` as its own process; resolves once it logged that it listens. */
function startSubgraphProcess(name: string, port: number, peers: Record<string, string>) {
  const entry = entries.find((candidate) => candidate.name === name)!;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: serverUrl,
    DATABASE_NAME: databaseOf(name),
    LOG_LEVEL: 'info',
    ...subgraphKeyEnv(name, secrets, entries),
    ...Object.fromEntries(entry.peers.map((peer) => [`${peer.toUpperCase()}_SUBGRAPH_URL`, peers[peer]!])),
  };
  // the bus this test listens to is LISTEN/NOTIFY on the subgraph's database (a run with Redis tests that bus
  // in the kit's outbox tests)
  delete env.REDIS_URL;
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'services/kit/dist/runtime/cli.js'),
      '--dir',
      path.join(REPO_ROOT, 'services', name),
      'start',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  spawned.push({ child, exited });
  return new Promise<SubgraphProcess>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = LISTENING.exec(output);
      if (match) {
        clearInterval(timer);
        resolve({ child, url: match[1]!, exited, output: () => output });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output.slice(-4_000)}`));
    });
  });
}

async function stopProcess(subgraph: Pick<SubgraphProcess, 'child' | 'exited'>): Promise<void> {
  if (subgraph.child.exitCode !== null || subgraph.child.signalCode !== null) return;
  subgraph.child.kill('SIGTERM');
  await subgraph.exited;
}

let regions: SubgraphProcess;
let events: SubgraphProcess;
let gateway: RunningGateway;
let bus: EventBus;
let database: Client;

beforeAll(async () => {
  regions = await startSubgraphProcess('regions', 0, {});
  events = await startSubgraphProcess('events', 0, { regions: regions.url });
  // the other subgraphs of the supergraph are not running: their fields are not asked for here
  gateway = await createGatewayServer(
    hubGatewayConfig(
      {
        regions: { name: 'regions', url: regions.url },
        events: { name: 'events', url: events.url },
      },
      secrets,
      { port: 0, host: '127.0.0.1', logLevel: 'silent' },
    ),
  );
  const eventsDatabase = databaseUrl(serverUrl, databaseOf('events'));
  bus = await createPostgresEventBus({ connectionString: eventsDatabase, logger });
  database = new Client({ connectionString: eventsDatabase });
  await database.connect();
});

afterAll(async () => {
  await gateway?.stop();
  // events before regions, its peer (the reverse of the start order)
  for (const subgraph of spawned.reverse()) await stopProcess(subgraph);
  await bus?.close();
  await database?.end();
  for (const name of SUBGRAPHS) await dropDatabase(serverUrl, databaseOf(name)).catch(() => undefined);
});

const CREATE_EVENT = print(CreateEventDocument);

/** One client's write: the created event's id when acknowledged, else the error code (or network error). */
type Outcome = { ok: true; id: string } | { ok: false; code: string };

async function createEvent(token: string, client: number, step: number): Promise<Outcome> {
  const startsAt = new Date(Date.UTC(2029, client % 12, 1 + (step % 27), 9)).toISOString();
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: CREATE_EVENT,
        variables: {
          input: {
            idempotencyKey: randomUUID(),
            title: `SIGTERM test ${client}-${step}`,
            summary: 'A draft written while its subgraph is stopped and started again.',
            kind: 'WORKSHOP',
            startsAt,
            endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
            timeZone: 'Europe/Brussels',
            format: 'ONLINE',
            onlineUrl: 'https://example.org/sigterm',
            hostRegions: ['BE10'],
            organisers: ['cpmr'],
          },
        },
      }),
    });
    const body = (await response.json()) as {
      data?: { createEvent?: { id: string } | null } | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    const id = body.data?.createEvent?.id;
    if (response.ok && !body.errors?.length && id) return { ok: true, id };
    return { ok: false, code: body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, code: `NETWORK ${(error as Error).message}` };
  }
}

it('keeps every acknowledged write and delivers every committed write’s event across a SIGTERM and restart', async () => {
  // event id → entity id of every eventChanged message heard (a repeat would overwrite with the same)
  const delivered = new Map<string, string>();
  const stopListening = await bus.subscribe(TOPIC, (payload, event) => {
    if (event.id) delivered.set(event.id, String(payload.id));
  });
  const tokens = await Promise.all(
    Array.from({ length: CLIENTS }, (_, index) =>
      issueClientToken({
        secret: secrets.jwtSecret,
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_AUDIENCE,
        subject: `sigterm-client-${index}`,
        name: `SIGTERM client ${index}`,
        organisationId: 'cpmr',
        roles: ['contributor'],
        ttlSeconds: 600,
      }),
    ),
  );
  // `at`: when the write was sent (before SIGTERM, while the subgraph stopped and started, after it listened
  // again); `doneAt`: when its answer came (performance.now())
  const outcomes: Array<Outcome & { at: 'before' | 'stopping' | 'after'; doneAt: number }> = [];
  let phase: 'before' | 'stopping' | 'after' = 'before';
  let sigtermAt = Number.POSITIVE_INFINITY;
  let stoppedAt = 0;
  let listeningAt = 0;
  let writing = true;
  const clients = tokens.map(async (token, client) => {
    for (let step = 0; writing; step += 1) {
      const at = phase;
      const outcome = await createEvent(token, client, step);
      outcomes.push({ ...outcome, at, doneAt: performance.now() });
      // while the subgraph is away the gateway answers at once: do not spin
      if (!outcome.ok) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  const acknowledged = () => outcomes.filter((outcome) => outcome.ok).length;
  try {
    await waitFor(() => acknowledged() >= 30, '30 writes acknowledged before SIGTERM', 30_000);

    // SIGTERM mid-way: the subgraph finishes what it runs and exits 0
    phase = 'stopping';
    const port = Number(new URL(events.url).port);
    sigtermAt = performance.now();
    events.child.kill('SIGTERM');
    const code = await events.exited;
    expect(code, events.output().slice(-4_000)).toBe(0);
    stoppedAt = performance.now();
    const refusedWhileDown = outcomes.length;
    await waitFor(
      () => outcomes.slice(refusedWhileDown).some((outcome) => !outcome.ok),
      'a write refused while the subgraph is down',
      10_000,
    );

    // started again on the same port (the gateway's URL for it); writes are acknowledged again
    events = await startSubgraphProcess('events', port, { regions: regions.url });
    phase = 'after';
    listeningAt = performance.now();
    const before = acknowledged();
    await waitFor(
      () => acknowledged() >= before + 20,
      '20 more writes acknowledged after the restart',
      30_000,
    );
  } finally {
    writing = false;
    await Promise.all(clients);
  }

  const acked = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : []));
  const failures = outcomes.filter(
    (outcome): outcome is Extract<typeof outcome, { ok: false }> => !outcome.ok,
  );
  const failureCodes = [...new Set(failures.map((failure) => failure.code))];
  const sentIn = (at: string) => failures.filter((failure) => failure.at === at).length;
  console.info(
    `sigterm: ${outcomes.length} writes, ${acked.length} acknowledged, ${failures.length} refused ` +
      `(${failureCodes.join(', ') || 'none'}; sent before SIGTERM ${sentIn('before')}, while stopped ` +
      `${sentIn('stopping')}, after the restart ${sentIn('after')}); SIGTERM to exit ` +
      `${Math.round(stoppedAt - sigtermAt)} ms, exit to listening ${Math.round(listeningAt - stoppedAt)} ms`,
  );
  expect(new Set(acked).size).toBe(acked.length);
  // the only failures: the gateway naming the subgraph that was away (never an internal error or a lost answer)
  expect(failureCodes.filter((code) => !CLEAN_FAILURES.has(code))).toEqual([]);
  // nothing failed before the SIGTERM, nor once the subgraph listened again
  expect(failures.filter((failure) => failure.doneAt < sigtermAt || failure.at === 'after')).toEqual([]);

  // every acknowledged write is in the database
  const rows = await database.query<{ id: string }>(
    'SELECT id::text FROM event WHERE id::text = ANY($1::text[])',
    [acked],
  );
  expect(rows.rows.map((row) => row.id).sort()).toEqual([...acked].sort());

  // every committed write of this test (acknowledged or not) has its event in the outbox, and every such
  // event reaches the bus's listener
  const outbox = await database.query<{ id: string; entity: string }>(
    `SELECT o.id::text, o.payload->>'id' AS entity
       FROM hub_outbox o JOIN event e ON e.id::text = o.payload->>'id'
      WHERE o.topic = $1 AND e.title LIKE 'SIGTERM test %'`,
    [TOPIC],
  );
  expect(outbox.rows.length).toBeGreaterThanOrEqual(acked.length);
  const eventOf = new Map(outbox.rows.map((row) => [row.entity, row.id]));
  expect(acked.filter((id) => !eventOf.has(id))).toEqual([]);
  try {
    await waitFor(
      () => outbox.rows.every((row) => delivered.has(row.id)),
      'the domain event of every committed write',
      20_000,
    );
  } finally {
    stopListening();
  }
  const lost = outbox.rows.filter((row) => !delivered.has(row.id));
  expect(lost).toEqual([]);
  for (const row of outbox.rows) expect(delivered.get(row.id)).toBe(row.entity);
  // a loaded machine (CI's two cores running other test files) takes several seconds to restart a subgraph
}, 120_000);

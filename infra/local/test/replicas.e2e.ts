import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateEventDocument } from '@hub/codegen';
import { CACHE_STATUS_HEADER, issueClientToken } from '@hub/gateway';
import { dropDatabase } from '@hub/kit';
import { subscribeForTest, waitFor } from '@hub/kit/testing';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HUB_SUBGRAPHS } from '../src/hub';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, loadLocalSecrets } from '../src/secrets';

/**
 * Issue 11, several processes: `npm start` with HUB_PROCESSES=2 runs a primary and two replica processes, each
 * with its own gateway and its own events subgraph (and the other subgraphs), sharing the test run's PostgreSQL
 * (and Redis when the run has REDIS_URL, as CI's second pass does). A replica's gateway also listens on its own
 * port (logged as "replica serving"), so the test can pick the replica it talks to.
 */
const MAIN = path.resolve(__dirname, '../dist/main.js');
const REDIS_URL = process.env.REDIS_URL;
const serverUrl = inject('databaseServerUrl');
const prefix = `test_rep_${randomBytes(3).toString('hex')}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-replicas-'));
chmodSync(dataDir, 0o755);

type LogLine = Record<string, unknown> & { msg?: string; level?: string; process?: string; service?: string };

let child: ChildProcess;
let output = '';
const lines: LogLine[] = [];
let publicUrl: string;
let exited: Promise<number | null>;

/** The replicas serving now, by number, from the primary's "replica serving" lines (the latest wins). */
function replicas(): Map<number, { url: string; pid: number }> {
  const serving = new Map<number, { url: string; pid: number }>();
  for (const line of lines) {
    if (line.msg === 'replica serving') {
      serving.set(line.replica as number, { url: line.url as string, pid: line.replicaPid as number });
    }
  }
  return serving;
}

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_PROCESSES: '2',
    DATABASE_URL: serverUrl,
    HUB_DATABASE_PREFIX: prefix,
    HUB_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  delete env.JWT_SECRET; // tokens are signed with the secret the hub stores in dataDir
  if (!REDIS_URL) delete env.REDIS_URL;
  // detached: its own process group, as a terminal runs a command (Ctrl-C signals the whole group)
  child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let partial = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const text of complete) if (text.startsWith('{')) lines.push(JSON.parse(text) as LogLine);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  publicUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output.slice(-3_000)}`)), 170_000);
    child.stdout!.on('data', () => {
      const match = /GraphQL: +(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output.slice(-3_000)}`)));
  });
  // the primary's own log lines may reach the pipe after its banner
  await waitFor(() => replicas().size === 2, 'both replicas to be logged as serving');
}, 180_000);

afterAll(async () => {
  if (child?.exitCode === null) {
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }
  for (const definition of HUB_SUBGRAPHS) await dropDatabase(serverUrl, `${prefix}_${definition.name}`);
  rmSync(dataDir, { recursive: true, force: true });
});

function editorToken(): Promise<string> {
  return issueClientToken({
    secret: loadLocalSecrets(dataDir).jwtSecret,
    issuer: LOCAL_TOKEN_ISSUER,
    audience: LOCAL_TOKEN_AUDIENCE,
    subject: 'cpmr-editor-replicas-test',
    name: 'Test editor of cpmr',
    organisationId: 'cpmr',
    roles: ['contributor', 'editor'],
    ttlSeconds: 600,
  });
}

/** A GraphQL request on a connection of its own (the next replica's, through the public port). */
function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ body: { data?: Record<string, unknown> | null; errors?: unknown[] }; cache: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            body: JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] },
            cache: (res.headers[CACHE_STATUS_HEADER] as string | undefined) ?? null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

/** The processes whose `service` logged the request `requestId`. */
const servedBy = (service: string, requestId: string) =>
  lines
    .filter((line) => line.service === service && line.requestId === requestId)
    .map((line) => line.process);

async function createEvent(url: string, token: string, title: string) {
  const { body } = await post(
    url,
    print(CreateEventDocument),
    {
      input: {
        idempotencyKey: randomUUID(),
        title,
        summary: 'Published at once, so anonymous callers read it.',
        kind: 'WORKSHOP',
        startsAt: '2027-10-01T09:00:00.000Z',
        endsAt: '2027-10-01T12:00:00.000Z',
        timeZone: 'Europe/Brussels',
        format: 'ONLINE',
        onlineUrl: 'https://example.org/workshop',
        hostRegions: ['FRH0'],
        organisers: ['cpmr'],
        publish: true,
      },
    },
    { authorization: `Bearer ${token}` },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createEvent as { id: string; version: number };
}

const UPDATE = 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id title version } }';
const EVENT = 'query ($id: ID!) { event(id: $id) { id title } }';
const EVENT_CHANGED = 'subscription { eventChanged { change event { id title } } }';

describe('the hub in two processes (HUB_PROCESSES=2)', () => {
  it('runs two replicas, each serving on its own, and spreads the public port over both', async () => {
    const serving = replicas();
    expect([...serving.keys()].sort()).toEqual([1, 2]);
    expect(serving.get(1)!.pid).not.toBe(serving.get(2)!.pid);
    expect(serving.get(1)!.pid).not.toBe(child.pid);
    // each line says which process wrote it (a replica's last lines may reach the pipe after the banner)
    for (const service of ['gateway', 'events', 'regions']) {
      const listening = () =>
        lines.filter((line) => line.service === service && /listening$/.test(line.msg ?? ''));
      await waitFor(() => listening().length >= 2, `both replicas' ${service} to log that it listens`);
      expect({
        service,
        writers: listening()
          .map((line) => line.process)
          .sort(),
      }).toEqual({
        service,
        writers: ['replica 1', 'replica 2'],
      });
    }
    // migrated and seeded once, by the primary
    const seeded = lines.filter((line) => line.msg === 'seeded reference data');
    expect(seeded.map((line) => line.process)).toEqual(['primary']);

    const ids = [1, 2, 3, 4].map(() => randomUUID());
    for (const id of ids) {
      const { body } = await post(
        publicUrl,
        '{ regions(first: 0) { totalCount } }',
        {},
        { 'x-request-id': id },
      );
      expect(body.data).toEqual({ regions: { totalCount: expect.any(Number) } });
    }
    await waitFor(() => ids.every((id) => servedBy('gateway', id).length === 1), 'the access log lines');
    expect(new Set(ids.flatMap((id) => servedBy('gateway', id)))).toEqual(
      new Set(['replica 1', 'replica 2']),
    );
  });

  it('pushes to a subscriber of gateway 1 a write made through gateway 2 and its events subgraph', async () => {
    const token = await editorToken();
    const [one, two] = [replicas().get(1)!.url, replicas().get(2)!.url];
    const subscription = await subscribeForTest<{
      eventChanged: { change: string; event: { id: string; title: string } };
    }>(one, EVENT_CHANGED, {}, { connectionParams: {} });
    try {
      // a write on replica 1 itself shows the subscription is live upstream before the one that matters
      const probe = await createEvent(one, token, 'Workshop on subscriptions, probe');
      let first;
      do first = await subscription.next(15_000);
      while (first.data?.eventChanged.event.id !== probe.id);

      const event = await createEvent(one, token, 'Workshop on replicas, first title');
      const requestId = randomUUID();
      const { body } = await post(
        two,
        UPDATE,
        { input: { id: event.id, version: event.version, title: 'Workshop on replicas, second title' } },
        { authorization: `Bearer ${token}`, 'x-request-id': requestId },
      );
      expect(body.errors).toBeUndefined();
      let pushed;
      do pushed = await subscription.next(10_000);
      while (
        pushed.data?.eventChanged.event.id !== event.id ||
        pushed.data.eventChanged.change !== 'UPDATED'
      );
      expect(pushed.data.eventChanged.event.title).toBe('Workshop on replicas, second title');
      // the write was served by replica 2's gateway and replica 2's events subgraph, nothing of replica 1
      // (the gateway writes its line when the connection closes, which may be after the push arrived)
      await waitFor(
        () => servedBy('events', requestId).length > 0 && servedBy('gateway', requestId).length > 0,
        'the access log lines of the write',
      );
      expect(servedBy('gateway', requestId)).toEqual(['replica 2']);
      expect(new Set(servedBy('events', requestId))).toEqual(new Set(['replica 2']));
    } finally {
      await subscription.close();
    }
  });

  it('evicts a cached public answer of gateway 1 within 1 s of a write through gateway 2', async () => {
    const token = await editorToken();
    const [one, two] = [replicas().get(1)!.url, replicas().get(2)!.url];
    const event = await createEvent(two, token, 'Roundtable on caches, first title');
    // cached on gateway 1 (a read that overlaps the creation's own eviction arriving is not stored: read again)
    const warmFrom = Date.now();
    let cached;
    do cached = await post(one, EVENT, { id: event.id });
    while (cached.cache !== 'hit' && Date.now() - warmFrom < 5_000);
    expect(cached).toMatchObject({
      cache: 'hit',
      body: { data: { event: { title: 'Roundtable on caches, first title' } } },
    });

    const { body } = await post(
      two,
      UPDATE,
      { input: { id: event.id, version: event.version, title: 'Roundtable on caches, second title' } },
      { authorization: `Bearer ${token}` },
    );
    expect(body.errors).toBeUndefined();
    const committed = Date.now();
    let title: unknown;
    do title = ((await post(one, EVENT, { id: event.id })).body.data?.event as { title?: string })?.title;
    while (title !== 'Roundtable on caches, second title' && Date.now() - committed < 1_000);
    expect(title).toBe('Roundtable on caches, second title');
  });

  it('starts a replica that dies again, and stops everything cleanly on Ctrl-C', async () => {
    const before = replicas().get(1)!.pid;
    process.kill(before, 'SIGKILL');
    await waitFor(() => replicas().get(1)?.pid !== before, 'replica 1 to serve again', 120_000);
    const again = replicas().get(1)!;
    expect((await post(again.url, '{ regions(first: 0) { totalCount } }')).body.errors).toBeUndefined();
    for (let tries = 0; tries < 2; tries += 1) {
      expect((await post(publicUrl, '{ regions(first: 0) { totalCount } }')).body.errors).toBeUndefined();
    }

    const pids = [child.pid!, ...[...replicas().values()].map(({ pid }) => pid)];
    const stopFrom = lines.length;
    process.kill(-child.pid!, 'SIGINT'); // as a terminal sends Ctrl-C: to every process of the group
    expect(await exited, output.split('\n').slice(-30).join('\n')).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    const warnings = lines.filter(
      (line, index) =>
        line.level !== 'info' &&
        line.level !== 'debug' &&
        !(line.msg === 'replica exited; starting it again' && line.replica === 1 && index < stopFrom),
    );
    expect(warnings).toEqual([]);
    expect(lines.slice(stopFrom).filter((line) => line.msg === 'gateway stopped')).toHaveLength(2);
  }, 180_000);
});

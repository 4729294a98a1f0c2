import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPostgresEventBus,
  createRedisEventBus,
  LISTENER_APPLICATION_NAME,
  type EventBus,
} from '../src/live/event-bus';
import { createOutbox, type Outbox } from '../src/live/outbox';
import { initOrm } from '../src/data/orm';
import { findFreePort } from '../src/runtime/embedded-postgres';
import { createLogger } from '../src/runtime/logger';
import { createMetricsRegistry } from '../src/runtime/metrics';
import { createTestDatabase, waitFor } from '../src/testing';
import { performWrite } from '../src/writes/perform-write';
import { writePatternMigrations } from '../src/writes/write-pattern-migration';

const logger = createLogger('outbox-test', 'silent');
const TOPIC = 'test.noteAdded';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Note {
  id: number;
}
const NoteSchema = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'outbox_note',
  properties: { id: { type: 'number', primary: true } },
});
class NoteMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "outbox_note" ("id" int primary key check ("id" > 0));');
  }
}

/** A fresh database with the kit's tables (outbox included) and the notes table; its ORM and an admin client. */
async function openDatabase(prefix: string) {
  const database = await createTestDatabase(inject('databaseServerUrl'), prefix);
  const orm = await initOrm({
    clientUrl: database.url,
    entities: [NoteSchema],
    migrations: [...writePatternMigrations, { name: 'test-outbox-note', class: NoteMigration }],
    logger,
  });
  await orm.getMigrator().up();
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  return {
    ...database,
    orm,
    admin,
    async ids(sql: string): Promise<number[]> {
      return (await admin.query<{ id: number }>(sql)).rows.map((row) => Number(row.id));
    },
    async close() {
      await admin.end();
      await orm.close(true);
      await database.drop();
    },
  };
}
type Database = Awaited<ReturnType<typeof openDatabase>>;

const caller = { subject: 'u1', displayName: 'U', organisationId: 'cpmr', roles: ['editor' as const] };
function writeNote(database: Database, bus: EventBus | undefined, id: number) {
  return performWrite(
    { em: database.orm.em.fork() as EntityManager, caller, requestId: `r${id}`, bus, logger },
    { entity: 'Note', action: 'create', input: { id } },
    async (em) => {
      em.create(NoteSchema, { id });
      return { entityId: String(id), changedFields: ['id'], events: [{ topic: TOPIC, payload: { id } }] };
    },
    async (em, entityId) => em.findOneOrFail(NoteSchema, { id: Number(entityId) }),
  );
}

/** Every delivery of `test.noteAdded` to one listener, in order, with the event id it came with. */
async function receiver(bus: EventBus) {
  const deliveries: Array<{ id: number; eventId?: string }> = [];
  const stop = await bus.subscribe(TOPIC, (payload, event) =>
    deliveries.push({ id: Number(payload.id), eventId: event.id }),
  );
  return {
    deliveries,
    stop,
    ids: () => deliveries.map((delivery) => delivery.id),
    /** Waits until each of `ids` arrived, then checks it arrived once and nothing else did. */
    async expectExactly(ids: number[], timeoutMs: number) {
      await waitFor(
        () => ids.every((id) => deliveries.some((delivery) => delivery.id === id)),
        `the events of ${ids.length} committed writes`,
        timeoutMs,
      );
      await sleep(1_500); // what would arrive twice arrives within a relay pass or two
      expect([...deliveries.map((delivery) => delivery.id)].sort((a, b) => a - b)).toEqual(
        [...ids].sort((a, b) => a - b),
      );
    },
  };
}

/** The relay marks what it sent (events a listener got by replay may still wait for it a moment). */
async function expectNothingPending(outbox: Outbox): Promise<void> {
  for (let tries = 0; (await outbox.pending()) > 0; tries += 1) {
    if (tries > 50) throw new Error(`${await outbox.pending()} events still unpublished`);
    await sleep(200);
  }
}

/** A throwaway Redis server on `port`, with nothing saved: a bus that can be stopped and started again. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) resolve();
    });
    server.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return server;
}
async function stopRedis(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.on('exit', resolve));
  server.kill('SIGKILL'); // as a crash: nothing is flushed, clients see the connection drop
  await exited;
}

describe('the transactional outbox', () => {
  let database: Database;
  let bus: EventBus;
  let listener: EventBus;
  beforeAll(async () => {
    database = await openDatabase('outbox');
    bus = await createPostgresEventBus({ connectionString: database.url, logger });
    listener = await createPostgresEventBus({ connectionString: database.url, logger });
  });
  afterAll(async () => {
    await bus?.close();
    await listener?.close();
    await database?.close();
  });

  it('holds a write’s events from its own transaction, with ids, and marks them published after commit', async () => {
    const seen = await receiver(listener);
    await writeNote(database, bus, 1);
    await expect(writeNote(database, bus, -1)).rejects.toThrow(); // the CHECK fails: rolled back, no event
    await seen.expectExactly([1], 5_000);
    seen.stop();
    const rows = await database.admin.query<{
      id: string;
      topic: string;
      payload: unknown;
      published: boolean;
    }>('SELECT id, topic, payload, published_at IS NOT NULL AS published FROM hub_outbox');
    expect(rows.rows).toEqual([
      { id: seen.deliveries[0]!.eventId, topic: TOPIC, payload: { id: 1 }, published: true },
    ]);
  });

  it('keeps the events of a write whose publish failed, and the relay sends them', async () => {
    const seen = await receiver(listener);
    // a bus that is down: a Redis bus whose server went away (its publishes time out, then fail)
    const port = await findFreePort();
    const redis = await startRedis(port);
    const broken = await createRedisEventBus({
      url: `redis://127.0.0.1:${port}`,
      namespace: 'broken',
      logger,
    });
    await stopRedis(redis);
    const started = Date.now();
    await writeNote(database, broken, 2);
    expect(Date.now() - started).toBeLessThan(5_000); // the client does not wait for the bus
    expect(await database.ids('SELECT id FROM outbox_note WHERE id = 2')).toEqual([2]);
    const [pending] = (
      await database.admin.query('SELECT count(*)::int AS n FROM hub_outbox WHERE published_at IS NULL')
    ).rows;
    expect(pending).toEqual({ n: 1 });
    expect(seen.ids()).toEqual([]);

    const metrics = createMetricsRegistry('outbox-test');
    const outbox = createOutbox({ connectionString: database.url, logger, graceMs: 0, metrics });
    const gauge = async () => (await metrics.getSingleMetric('hub_outbox_pending')!.get()).values[0]?.value;
    try {
      expect(await gauge()).toBe(1);
      outbox.startRelay(bus);
      await seen.expectExactly([2], 10_000);
      await expectNothingPending(outbox);
      expect(await gauge()).toBe(0);
    } finally {
      seen.stop();
      await outbox.close();
      await broken.close();
    }
  });

  it('passes over rows in their grace time, sends them after it, and deletes published rows past retention', async () => {
    await database.admin.query('DELETE FROM hub_outbox');
    // two published rows: one past a retention of 1 h, one within it; one unpublished row written just now
    await database.admin.query(
      `INSERT INTO hub_outbox (id, topic, payload, created_at, published_at) VALUES
         (gen_random_uuid(), $1, '{"id": 11}', now() - interval '2 hours', now() - interval '2 hours'),
         (gen_random_uuid(), $1, '{"id": 12}', now() - interval '10 minutes', now() - interval '10 minutes'),
         (gen_random_uuid(), $1, '{"id": 13}', now(), NULL)`,
      [TOPIC],
    );
    const seen = await receiver(listener);
    const outbox = createOutbox({ connectionString: database.url, logger, retentionMs: 60 * 60_000 });
    try {
      outbox.startRelay(bus);
      // a pass with nothing due (the new row is within its 2 s grace) sends nothing, but prunes
      expect(await outbox.relayOnce()).toBe(0);
      const payloads = async () =>
        (
          await database.admin.query<{ id: number; published: boolean }>(
            `SELECT (payload->>'id')::int AS id, published_at IS NOT NULL AS published FROM hub_outbox
             ORDER BY created_at`,
          )
        ).rows;
      expect(await payloads()).toEqual([
        { id: 12, published: true },
        { id: 13, published: false },
      ]);
      await seen.expectExactly([13], 10_000); // the relay's own passes, once the grace time is over
      expect(await payloads()).toEqual([
        { id: 12, published: true },
        { id: 13, published: true },
      ]);
    } finally {
      seen.stop();
      await outbox.close();
    }
  });

  it('drops a repeated event id, and replays what a reconnecting listener missed', async () => {
    const seen = await receiver(listener);
    const outbox = createOutbox({ connectionString: database.url, logger });
    const replaying = await createPostgresEventBus({
      connectionString: database.url,
      logger,
      replay: outbox.replay,
    });
    const seenAfterReconnect = await receiver(replaying);
    try {
      // the same event twice (the fast path and the relay both sent it): delivered once
      const event = { id: '6d4f1f0e-6a57-4c1e-9a86-3c0f5d8f2b11', topic: TOPIC, payload: { id: 3 } };
      await bus.publish(event);
      await bus.publish(event);
      await seen.expectExactly([3], 5_000);

      // the listening connection is cut; events committed meanwhile come from the outbox once it is back
      await database.admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [LISTENER_APPLICATION_NAME],
      );
      for (const id of [4, 5, 6]) await writeNote(database, bus, id);
      await seenAfterReconnect.expectExactly([3, 4, 5, 6], 10_000);
    } finally {
      seen.stop();
      seenAfterReconnect.stop();
      await replaying.close();
      await outbox.close();
    }
  });
});

// Redis is optional for the hub: this runs where a redis-server binary is installed (CI and this machine).
describe('a bus down for 10 seconds while writes go on', () => {
  it('delivers every committed write’s event once the bus is back, each exactly once', async () => {
    const database = await openDatabase('outbox_down');
    const port = await findFreePort();
    let redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const outbox = createOutbox({ connectionString: database.url, logger });
    const publisher = await createRedisEventBus({
      url,
      namespace: database.name,
      logger,
      replay: outbox.replay,
    });
    const subscriber = await createRedisEventBus({
      url,
      namespace: database.name,
      logger,
      replay: outbox.replay,
    });
    outbox.startRelay(publisher);
    const seen = await receiver(subscriber);
    const committed: number[] = [];
    try {
      let writing = true;
      const writer = (async () => {
        for (let id = 1; writing; id += 1) {
          await writeNote(database, publisher, id);
          committed.push(id);
          await sleep(100);
        }
      })();
      await sleep(1_000);
      await stopRedis(redis);
      const downAt = Date.now();
      await sleep(10_000);
      const writtenWhileDown = committed.length;
      redis = await startRedis(port);
      await sleep(1_000);
      writing = false;
      await writer;
      expect(Date.now() - downAt).toBeGreaterThanOrEqual(10_000);
      expect(writtenWhileDown).toBeGreaterThan(10); // writes went on (the bus never blocks them)
      expect(await database.ids('SELECT id FROM outbox_note ORDER BY id')).toEqual(committed);
      await seen.expectExactly(committed, 20_000);
      await expectNothingPending(outbox);
    } finally {
      seen.stop();
      await outbox.close();
      await publisher.close();
      await subscriber.close();
      await stopRedis(redis);
      await database.close();
    }
  });
});

describe('a writing service stopped while 20 clients write', () => {
  const WRITER = path.resolve(__dirname, 'fixtures/outbox-writer.js');

  /** Starts the fixture service on `databaseUrl`; resolves with its URL once it listens. */
  async function startWriter(databaseUrl: string) {
    const child = spawn(process.execPath, [WRITER], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = /\{"url":"([^"]+)"\}/.exec(output);
        if (line) resolve(line[1]!);
      });
      void exited.then((code) => reject(new Error(`the writer exited with ${code}: ${output}`)));
    });
    return { child, url, exited };
  }

  /** 20 clients, each writing new notes one after another until the service stops answering. */
  function writeUntilRefused(url: string, firstId: number) {
    const acknowledged: number[] = [];
    let next = firstId;
    const clients = Array.from({ length: 20 }, async () => {
      for (;;) {
        const id = next++;
        try {
          const response = await fetch(`${url}/notes/${id}`, { method: 'POST' });
          await response.text();
          if (response.status !== 200) return;
          acknowledged.push(id);
        } catch {
          return; // refused or reset: the service is going away
        }
      }
    });
    return { acknowledged, done: Promise.all(clients) };
  }

  it('keeps every acknowledged write, and delivers the event of every committed one (after SIGTERM and a crash)', async () => {
    const database = await openDatabase('outbox_stop');
    const outbox = createOutbox({ connectionString: database.url, logger });
    const subscriber = await createPostgresEventBus({
      connectionString: database.url,
      logger,
      replay: outbox.replay,
    });
    const seen = await receiver(subscriber);
    try {
      // SIGTERM: the service finishes what it runs, then stops
      let writer = await startWriter(database.url);
      const first = writeUntilRefused(writer.url, 1);
      await waitFor(() => first.acknowledged.length >= 40, 'writes to be acknowledged', 20_000);
      writer.child.kill('SIGTERM');
      expect(await writer.exited).toBe(0);
      await first.done;
      expect(first.acknowledged.length).toBeGreaterThanOrEqual(40);
      const afterTerm = await database.ids('SELECT id FROM outbox_note ORDER BY id');
      expect(afterTerm).toEqual(expect.arrayContaining(first.acknowledged));

      // SIGKILL: a crash, possibly between a commit and its publish
      writer = await startWriter(database.url);
      const second = writeUntilRefused(writer.url, 1_000_000);
      await waitFor(() => second.acknowledged.length >= 40, 'writes to be acknowledged', 20_000);
      writer.child.kill('SIGKILL');
      await writer.exited;
      await second.done;
      expect(second.acknowledged.length).toBeGreaterThanOrEqual(40);
      const committed = await database.ids('SELECT id FROM outbox_note ORDER BY id');
      expect(committed).toEqual(expect.arrayContaining(second.acknowledged));

      // started again, its relay sends what was left: every committed write's event arrives, once
      writer = await startWriter(database.url);
      await seen.expectExactly(committed, 20_000);
      await expectNothingPending(outbox);
      writer.child.kill('SIGTERM');
      expect(await writer.exited).toBe(0);
    } finally {
      seen.stop();
      await subscriber.close();
      await outbox.close();
      await database.close();
    }
  });
});

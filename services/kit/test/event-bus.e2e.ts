import { spawn } from 'node:child_process';
import path from 'node:path';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from 'pg';
import {
  createPostgresEventBus,
  createRedisEventBus,
  LISTENER_APPLICATION_NAME,
  type EventBus,
} from '../src/live/event-bus';
import { createLogger } from '../src/runtime/logger';
import { initOrm } from '../src/data/orm';
import { createTestDatabase } from '../src/testing';
import { performWrite } from '../src/writes/perform-write';
import { writePatternMigrations } from '../src/writes/write-pattern-migration';

const logger = createLogger('event-bus-test', 'silent');

/** Resolves with the next payload `bus` delivers on `topic`, or rejects after `ms`. */
async function nextEvent(bus: EventBus, topic: string, ms = 5_000) {
  let stop = () => undefined as void;
  const received = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${topic} event within ${ms} ms`)), ms);
    void bus
      .subscribe(topic, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      })
      .then((unsubscribe) => (stop = unsubscribe));
  });
  return { received: received.finally(() => stop()), ready: () => waitForSubscription(bus, topic) };
}

/** `subscribe` resolves once listening; a second subscription of the topic waits for the same readiness. */
async function waitForSubscription(bus: EventBus, topic: string): Promise<void> {
  const unsubscribe = await bus.subscribe(topic, () => undefined);
  unsubscribe();
}

/** Collects every payload delivered on a topic until `stop()`. */
async function collect(bus: EventBus, topic: string) {
  const payloads: Array<Record<string, unknown>> = [];
  const stop = await bus.subscribe(topic, (payload) => payloads.push(payload));
  return { payloads, stop };
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

function describeBus(name: string, open: () => Promise<EventBus>, enabled = true) {
  describe.skipIf(!enabled)(`${name} event bus`, () => {
    let replicaA: EventBus;
    let replicaB: EventBus;
    beforeAll(async () => {
      [replicaA, replicaB] = await Promise.all([open(), open()]);
    });
    afterAll(async () => {
      await replicaA?.close();
      await replicaB?.close();
    });

    it('delivers an event published by one replica to listeners of another', async () => {
      const { received, ready } = await nextEvent(replicaB, 'test.thingChanged');
      await ready();
      await replicaA.publish({ topic: 'test.thingChanged', payload: { id: 'a1', change: 'created' } });
      await expect(received).resolves.toEqual({ id: 'a1', change: 'created' });
    });

    it('stops delivering after unsubscribe, and keeps topics apart', async () => {
      const kept = await collect(replicaB, 'test.kept');
      const dropped = await collect(replicaB, 'test.dropped');
      dropped.stop();
      await replicaA.publish({ topic: 'test.dropped', payload: { n: 1 } });
      await replicaA.publish({ topic: 'test.kept', payload: { n: 2 } });
      await settle();
      kept.stop();
      expect(kept.payloads).toEqual([{ n: 2 }]);
      expect(dropped.payloads).toEqual([]);
    });

    it('refuses payloads too large for NOTIFY and malformed topics', async () => {
      await expect(
        replicaA.publish({ topic: 'test.big', payload: { text: 'x'.repeat(8_000) } }),
      ).rejects.toThrow(/bytes/);
      await expect(replicaA.publish({ topic: 'no dots; DROP', payload: {} })).rejects.toThrow(/topic/);
    });

    it('keeps delivering to other listeners when one listener throws', async () => {
      const failing = await replicaB.subscribe('test.robust', () => {
        throw new Error('listener bug');
      });
      const healthy = await collect(replicaB, 'test.robust');
      await replicaA.publish({ topic: 'test.robust', payload: { ok: true } });
      await settle();
      failing();
      healthy.stop();
      expect(healthy.payloads).toEqual([{ ok: true }]);
    });
  });
}

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase(inject('databaseServerUrl'), 'bus');
  databaseUrl = database.url;
  dropDatabase = database.drop;
});
afterAll(async () => dropDatabase?.());

describeBus('PostgreSQL LISTEN/NOTIFY', () =>
  createPostgresEventBus({ connectionString: databaseUrl, logger }),
);
// Redis is optional for the hub: these run where REDIS_URL names a server (CI sets it; the machine has one).
describeBus(
  'Redis',
  () => createRedisEventBus({ url: process.env.REDIS_URL!, namespace: `test_${process.pid}`, logger }),
  Boolean(process.env.REDIS_URL),
);

describe.skipIf(!process.env.REDIS_URL)('Redis namespaces', () => {
  it('keeps deployments on one Redis server apart, like databases keep NOTIFY apart', async () => {
    const open = (namespace: string) =>
      createRedisEventBus({ url: process.env.REDIS_URL!, namespace, logger });
    const [publisher, sameDeployment, otherDeployment] = await Promise.all([
      open(`one_${process.pid}`),
      open(`one_${process.pid}`),
      open(`two_${process.pid}`),
    ]);
    try {
      const same = await collect(sameDeployment, 'test.namespaced');
      const other = await collect(otherDeployment, 'test.namespaced');
      await publisher.publish({ topic: 'test.namespaced', payload: { n: 1 } });
      await settle();
      same.stop();
      other.stop();
      expect(same.payloads).toEqual([{ n: 1 }]);
      expect(other.payloads).toEqual([]);
    } finally {
      await Promise.all([publisher.close(), sameDeployment.close(), otherDeployment.close()]);
    }
  });
});

describe('a lost listening connection', () => {
  it('is re-established with its LISTENs, so later events arrive again', async () => {
    const bus = await createPostgresEventBus({ connectionString: databaseUrl, logger });
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const seen = await collect(bus, 'test.afterReconnect');
      // What a database restart or failover does to the connection.
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND pid <> pg_backend_pid()',
        [LISTENER_APPLICATION_NAME],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      // This bus has no outbox `replay` (see outbox.e2e.ts): events published while it is down are lost;
      // keep publishing until one arrives.
      for (let attempt = 0; attempt < 50 && seen.payloads.length === 0; attempt += 1) {
        await bus.publish({ topic: 'test.afterReconnect', payload: { attempt } });
        await settle(200);
      }
      seen.stop();
      expect(seen.payloads.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
      await bus.close();
    }
  });
});

describe('an event published by another process', () => {
  it('reaches this process through PostgreSQL', async () => {
    const bus = await createPostgresEventBus({ connectionString: databaseUrl, logger });
    try {
      const { received } = await nextEvent(bus, 'test.crossProcess', 15_000);
      await waitForSubscription(bus, 'test.crossProcess');
      const script = `
        const { createPostgresEventBus } = require(${JSON.stringify(path.resolve(__dirname, '../dist/live/event-bus.js'))});
        const { createLogger } = require(${JSON.stringify(path.resolve(__dirname, '../dist/runtime/logger.js'))});
        (async () => {
          const bus = await createPostgresEventBus({ connectionString: process.env.BUS_URL, logger: createLogger('child', 'silent') });
          await bus.publish({ topic: 'test.crossProcess', payload: { from: process.pid } });
          await bus.close();
        })().catch((error) => { console.error(error); process.exit(1); });`;
      const child = spawn(process.execPath, ['-e', script], {
        env: { ...process.env, BUS_URL: databaseUrl },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(exitCode).toBe(0);
      await expect(received).resolves.toEqual({ from: child.pid });
    } finally {
      await bus.close();
    }
  });
});

describe('performWrite and the bus', () => {
  interface Note {
    id: number;
    text: string;
  }
  const NoteSchema = new EntitySchema<Note>({
    name: 'Note',
    tableName: 'note',
    properties: { id: { type: 'number', primary: true }, text: { type: 'string' } },
  });
  class NoteMigration extends Migration {
    override async up(): Promise<void> {
      this.addSql(
        'create table "note" ("id" int primary key, "text" text not null check (length("text") > 0));',
      );
    }
  }

  let orm: Awaited<ReturnType<typeof initOrm>>;
  let bus: EventBus;
  let listener: EventBus;
  beforeAll(async () => {
    orm = await initOrm({
      clientUrl: databaseUrl,
      entities: [NoteSchema],
      migrations: [...writePatternMigrations, { name: 'test-note', class: NoteMigration }],
      logger,
    });
    await orm.getMigrator().up();
    bus = await createPostgresEventBus({ connectionString: databaseUrl, logger });
    listener = await createPostgresEventBus({ connectionString: databaseUrl, logger });
  });
  afterAll(async () => {
    await bus?.close();
    await listener?.close();
    await orm?.close(true);
  });

  const caller = { subject: 'u1', displayName: 'U', organisationId: 'cpmr', roles: ['editor' as const] };
  const writeNote = (id: number, text: string, idempotencyKey?: string) =>
    performWrite(
      { em: orm.em.fork() as EntityManager, caller, requestId: 'r', bus, logger },
      { entity: 'Note', action: 'create', idempotencyKey, input: { id, text } },
      async (em) => {
        em.create(NoteSchema, { id, text });
        return {
          entityId: String(id),
          changedFields: ['text'],
          events: [{ topic: 'test.noteAdded', payload: { id } }],
        };
      },
      async (em, entityId) => em.findOneOrFail(NoteSchema, { id: Number(entityId) }),
    );

  it('publishes after commit, and nothing for a rolled-back write or a replayed idempotent create', async () => {
    const seen = await collect(listener, 'test.noteAdded');
    await writeNote(1, 'first', 'key-1');
    // The CHECK constraint fails on flush: the transaction rolls back and its event must not go out.
    await expect(writeNote(2, '')).rejects.toThrow();
    await writeNote(1, 'first', 'key-1'); // same key and input: returns the first result, writes nothing
    await settle();
    seen.stop();
    expect(seen.payloads).toEqual([{ id: 1 }]);
    const rows = await orm.em.fork().getConnection().execute('select id from note order by id');
    expect(rows).toEqual([{ id: 1 }]);
  });
});

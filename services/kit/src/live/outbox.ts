import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../runtime/logger';
import { eventProblem, type DomainEvent, type EventBus, type OutboxReplay } from './event-bus';

/**
 * The transactional outbox (table `hub_outbox`, see `OutboxMigration`): `performWrite` inserts a write's domain
 * events in the write's own transaction, so an event exists exactly when its change committed. After commit it
 * publishes them at once (the fast path) and marks them published; the relay below re-publishes, in the
 * background, every row still unpublished a moment later (a crash, a bus error or timeout in between). Delivery
 * is therefore at-least-once; listeners drop repeated ids (`DomainEvent.id`).
 */

/** How often the relay looks for unpublished rows. */
export const OUTBOX_RELAY_INTERVAL_MS = 500;
/** Rows younger than this are left to the fast path of the write that made them. */
export const OUTBOX_GRACE_MS = 2_000;
/** Most rows the relay sends in one pass (it goes again at once when a pass was full). */
export const OUTBOX_BATCH_SIZE = 200;
/** Published rows are kept this long, for listeners that reconnect (`readOutboxSince`), then deleted. */
export const OUTBOX_RETENTION_MS = 60 * 60_000;
const PRUNE_INTERVAL_MS = 60_000;
/** A pass stops sending after this long, so its claim (a transaction) stays short; the next pass goes on. */
const PASS_TIME_LIMIT_MS = 5_000;
/** A publish that takes longer counts as failed (the relay sends the event again later). */
export const OUTBOX_PUBLISH_TIMEOUT_MS = 2_000;

/** Gives each event its id and inserts it into the outbox, inside the caller's transaction (`em`). */
export async function insertIntoOutbox(em: EntityManager, events: DomainEvent[]): Promise<DomainEvent[]> {
  if (!events.length) return [];
  const withIds = events.map((event) => ({ ...event, id: event.id ?? randomUUID() }));
  const values = withIds.map(() => '(?, ?, ?)').join(', ');
  await em.execute(
    `INSERT INTO hub_outbox (id, topic, payload) VALUES ${values}`,
    withIds.flatMap((event) => [event.id, event.topic, JSON.stringify(event.payload)]),
  );
  return withIds;
}

/** Rejects when `promise` has not settled within `ms` (the promise itself keeps running). */
export function withinTime<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
}

export interface Outbox {
  /** For the bus (`createEventBus({ replay })`): the events of `topics` written since `since`. */
  replay: OutboxReplay;
  /** Starts the background relay to `bus` (one pass at once, then every `OUTBOX_RELAY_INTERVAL_MS`). */
  startRelay(bus: EventBus): void;
  /** One relay pass now, whatever the interval; resolves with the number of events published. */
  relayOnce(): Promise<number>;
  /** Events written and not yet published. */
  pending(): Promise<number>;
  /** Stops the relay (waiting for a running pass) and closes its connections. */
  close(): Promise<void>;
}

/**
 * The outbox of one subgraph database: the background relay and the replay reader, on a small pool of their
 * own (not the ORM's, whose statements requests count). Several replicas may relay at once: each pass claims
 * its rows with `FOR UPDATE SKIP LOCKED`, so two replicas never send the same batch.
 */
export function createOutbox(options: {
  connectionString: string;
  logger: Logger;
  /** Adds `hub_outbox_pending` and `hub_outbox_publish_failures_total` to this registry. */
  metrics?: Registry;
  intervalMs?: number;
  graceMs?: number;
  retentionMs?: number;
}): Outbox {
  const { logger } = options;
  const intervalMs = options.intervalMs ?? OUTBOX_RELAY_INTERVAL_MS;
  const graceSeconds = (options.graceMs ?? OUTBOX_GRACE_MS) / 1000;
  const retentionSeconds = (options.retentionMs ?? OUTBOX_RETENTION_MS) / 1000;
  const pool = new Pool({ connectionString: options.connectionString, max: 2 });
  pool.on('error', (error) => logger.warn({ err: error }, 'outbox connection error'));
  let bus: EventBus | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  let lastPrune = 0;
  /** The last deletion of rows past retention (see `prune`). */
  let pruning: Promise<unknown> = Promise.resolve();

  const pending = async (): Promise<number> => {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM hub_outbox WHERE published_at IS NULL',
    );
    return Number(rows[0]?.n ?? 0);
  };
  const failures = options.metrics
    ? new Counter({
        name: 'hub_outbox_publish_failures_total',
        help: 'Domain events the outbox relay could not publish on a pass (it tries again).',
        registers: [options.metrics],
      })
    : undefined;
  if (options.metrics) {
    new Gauge({
      name: 'hub_outbox_pending',
      help: 'Domain events committed and not yet published on the bus.',
      registers: [options.metrics],
      async collect() {
        try {
          this.set(await pending());
        } catch {
          // the database is away: the readiness check says so; keep the last value
        }
      },
    });
  }

  /**
   * Whether any row waits for the relay: one statement without a transaction (the partial index of unpublished
   * rows answers it), so an idle subgraph's pass every half second costs one round trip, not a claim's three.
   */
  const due = async (): Promise<boolean> => {
    const { rows } = await pool.query<{ due: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM hub_outbox
         WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1)) AS due`,
      [graceSeconds],
    );
    return rows[0]?.due === true;
  };
  /**
   * Deletes published rows past their retention, at most once a `PRUNE_INTERVAL_MS`. A pass that comes within
   * the interval waits for the last deletion to end (only the pass that started it reports its failure): after
   * any pass, also a `relayOnce()` beside the relay's own passes, the rows past retention are gone.
   */
  const prune = async (): Promise<void> => {
    if (Date.now() - lastPrune <= PRUNE_INTERVAL_MS) {
      await pruning.catch(() => undefined);
      return;
    }
    lastPrune = Date.now();
    pruning = pool.query('DELETE FROM hub_outbox WHERE published_at < now() - make_interval(secs => $1)', [
      retentionSeconds,
    ]);
    await pruning;
  };

  /** One pass: `sent` events published; `more` when the batch was full and all went out (go again). */
  const pass = async (): Promise<{ sent: number; more: boolean }> => {
    if (!bus || closed) return { sent: 0, more: false };
    if (!(await due())) {
      await prune();
      return { sent: 0, more: false };
    }
    const result = await claimAndPublish(bus);
    await prune();
    return result;
  };

  /** Claims the rows due (FOR UPDATE SKIP LOCKED: one relay per row), publishes them and marks them sent. */
  const claimAndPublish = async (target: EventBus): Promise<{ sent: number; more: boolean }> => {
    const client = await pool.connect();
    // While the pass waits for the bus, the client is checked out and idle: the pool's error listener does not
    // cover it, and a connection cut then (database restart) would be an uncaught 'error' event. Note it,
    // and let the release below discard the client.
    let lostConnection: Error | undefined;
    const onLost = (error: Error) => {
      lostConnection = error;
      logger.warn({ err: error }, 'outbox connection error');
    };
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, topic, payload FROM hub_outbox
         WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [graceSeconds, OUTBOX_BATCH_SIZE],
      );
      const done: string[] = [];
      const started = Date.now();
      for (const row of rows) {
        if (Date.now() - started > PASS_TIME_LIMIT_MS) break;
        const event: DomainEvent = { id: row.id, topic: row.topic, payload: row.payload };
        const problem = eventProblem(event);
        if (problem) {
          // it can never be sent: retrying forever would hold up nothing but the log
          logger.error({ topic: row.topic, eventId: row.id }, `dropped an outbox event: ${problem}`);
          done.push(row.id);
          continue;
        }
        try {
          await withinTime(target.publish(event), OUTBOX_PUBLISH_TIMEOUT_MS, 'publishing an event');
          done.push(row.id);
        } catch (error) {
          failures?.inc();
          logger.warn({ err: error, topic: row.topic }, 'outbox relay could not publish; will retry');
          break; // the bus is away: the rest of the batch waits for the next pass
        }
      }
      if (done.length) {
        await client.query('UPDATE hub_outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [done]);
      }
      await client.query('COMMIT');
      if (done.length) logger.debug({ events: done.length }, 'outbox relay published events');
      return { sent: done.length, more: rows.length === OUTBOX_BATCH_SIZE && done.length === rows.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onLost);
      client.release(lostConnection);
    }
  };

  /** One pass after another while passes are full, then waits for the interval. */
  const loop = (): void => {
    if (closed) return;
    running = (async () => {
      try {
        while (!closed && (await pass()).more);
      } catch (error) {
        logger.warn({ err: error }, 'outbox relay pass failed; will retry');
      }
    })().finally(() => {
      if (!closed) timer = setTimeout(loop, intervalMs);
    });
  };

  return {
    async replay(since, topics) {
      if (!topics.length) return [];
      const { rows } = await pool.query<OutboxRow>(
        'SELECT id, topic, payload FROM hub_outbox WHERE created_at >= $1 AND topic = ANY($2) ORDER BY created_at',
        [since, topics],
      );
      return rows.map((row) => ({ id: row.id, topic: row.topic, payload: row.payload }));
    },
    startRelay(target) {
      bus = target;
      loop();
    },
    async relayOnce() {
      return (await pass()).sent;
    },
    pending,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
      await pool.end();
    },
  };
}

import { Client, Pool } from 'pg';
import { createClient } from 'redis';
import type { Logger } from '../runtime/logger';
import type { DeliveryObserver } from '../runtime/metrics';

/**
 * A domain event: what changed, by id, never a whole document (subscribers load what they need). Written to
 * the outbox in the write's transaction and published after it committed (see `performWrite`, `live/outbox.ts`).
 */
export interface DomainEvent {
  /**
   * Unique id (a UUID) of this event, set by `performWrite`: delivery is at-least-once, and listeners drop a
   * message whose id they have seen. Events published without one are never taken for duplicates.
   */
  id?: string;
  /** e.g. "events.eventChanged"; becomes the channel name, so keep it short and stable. */
  topic: string;
  payload: Record<string, unknown>;
}

/** What a listener learns besides the payload. */
export interface DeliveredEvent {
  topic: string;
  /** The event's id (`DomainEvent.id`), when the publisher gave one. */
  id?: string;
}

export type DomainEventListener = (payload: Record<string, unknown>, event: DeliveredEvent) => void;

/**
 * Reads the events of `topics` written to the outbox since `since`, for a listener whose connection was lost
 * meanwhile (see `readOutboxSince`): the bus delivers them, its duplicate filter drops those already seen.
 */
export type OutboxReplay = (since: Date, topics: string[]) => Promise<DomainEvent[]>;

/** The event bus every replica of every service shares (PostgreSQL LISTEN/NOTIFY, or Redis pub/sub). */
export interface EventBus {
  readonly kind: 'postgres' | 'redis';
  /** Delivers `event` to every listener of its topic in every process connected to the same bus. */
  publish(event: DomainEvent): Promise<void>;
  /**
   * Listens to a topic; resolves once the subscription is active on the server, so an event published after
   * that is delivered. The returned function stops listening (synchronously for this listener).
   */
  subscribe(topic: string, listener: DomainEventListener): Promise<() => void>;
  /** Listeners whose subscription is active, for one topic or all: what tests and metrics watch. */
  activeListeners(topic?: string): number;
  close(): Promise<void>;
}

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; stay well below it. */
export const MAX_EVENT_PAYLOAD_BYTES = 7_000;
const TOPIC = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
const RECONNECT_DELAY_MS = 1_000;
/**
 * Added to every message by `publish` (milliseconds since the epoch) and removed before listeners see the
 * payload: the delivery lag metric reads it. A message without it (an older publisher) is delivered as sent.
 */
export const PUBLISHED_AT_KEY = '$publishedAt';
/** Added to every message that has an id (`DomainEvent.id`), and removed before listeners see the payload. */
export const EVENT_ID_KEY = '$eventId';
/** Ids each topic remembers to drop repeats: the outbox relay re-sends within seconds, not thousands later. */
export const SEEN_EVENT_IDS = 10_000;
/**
 * A listener that reconnects asks the outbox for events since this long before it noticed the loss: the
 * loss is noticed late, and an event's `created_at` is its transaction's start, not its commit.
 */
export const REPLAY_MARGIN_MS = 30_000;
/** How the listening connection shows in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'hub-event-bus';

/** Why `event` can never be published (a malformed topic, a payload too large), or undefined. */
export function eventProblem(event: DomainEvent): string | undefined {
  if (!TOPIC.test(event.topic)) return `Invalid event topic: ${event.topic}`;
  const bytes = Buffer.byteLength(JSON.stringify(event.payload), 'utf8');
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
    return `Event ${event.topic} is ${bytes} bytes; payloads carry ids and changed fields, at most ${MAX_EVENT_PAYLOAD_BYTES} bytes`;
  }
  return undefined;
}

function encode(event: DomainEvent): string {
  const problem = eventProblem(event);
  if (problem) throw new Error(problem);
  const message: Record<string, unknown> = { ...event.payload, [PUBLISHED_AT_KEY]: Date.now() };
  if (event.id) message[EVENT_ID_KEY] = event.id;
  return JSON.stringify(message);
}

/** A bounded set of recently seen ids: the oldest is forgotten when it is full. */
class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Records `id`; false when it was already there (a duplicate). */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

/** Listeners per topic, and delivery that one failing listener cannot break for the others. */
class TopicListeners {
  private readonly byTopic = new Map<string, Set<DomainEventListener>>();
  private readonly active = new Map<string, number>();
  private readonly seen = new Map<string, RecentIds>();
  private readonly since = new Map<string, number>();

  constructor(
    private readonly logger: Logger,
    private readonly onDelivered?: DeliveryObserver,
  ) {}

  /** Adds a listener; true when it is the topic's first (the adapter must start listening upstream). */
  add(topic: string, listener: DomainEventListener): boolean {
    let listeners = this.byTopic.get(topic);
    const first = !listeners;
    if (!listeners) {
      listeners = new Set();
      this.byTopic.set(topic, listeners);
      this.since.set(topic, Date.now());
    }
    listeners.add(listener);
    return first;
  }

  /** Removes a listener; true when the topic has none left (the adapter may stop listening upstream). */
  remove(topic: string, listener: DomainEventListener): boolean {
    const listeners = this.byTopic.get(topic);
    if (!listeners?.delete(listener) || listeners.size) return false;
    this.byTopic.delete(topic);
    this.seen.delete(topic);
    this.since.delete(topic);
    return true;
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  /** Wraps `subscribe`'s result: counts the listener as active until its unsubscribe runs (once). */
  activate(topic: string, unsubscribe: () => void): () => void {
    this.active.set(topic, (this.active.get(topic) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active.set(topic, (this.active.get(topic) ?? 1) - 1);
      unsubscribe();
    };
  }

  activeCount(topic?: string): number {
    if (topic !== undefined) return this.active.get(topic) ?? 0;
    let total = 0;
    for (const count of this.active.values()) total += count;
    return total;
  }

  deliver(topic: string, message: string): void {
    const listeners = this.byTopic.get(topic);
    if (!listeners) return;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(message) as Record<string, unknown>;
    } catch (error) {
      this.logger.warn({ err: error, topic }, 'ignored an event bus message that is not JSON');
      return;
    }
    if (!payload || typeof payload !== 'object') {
      this.logger.warn({ topic }, 'ignored an event bus message that is not a JSON object');
      return;
    }
    const publishedAt = payload[PUBLISHED_AT_KEY];
    delete payload[PUBLISHED_AT_KEY];
    const id = payload[EVENT_ID_KEY];
    delete payload[EVENT_ID_KEY];
    if (typeof id === 'string' && !this.firstSight(topic, id)) return;
    if (typeof publishedAt === 'number') this.onDelivered?.(topic, (Date.now() - publishedAt) / 1000);
    this.notify(topic, listeners, payload, typeof id === 'string' ? id : undefined);
  }

  /**
   * After a lost connection: delivers what the outbox holds since `lostAt` (less `REPLAY_MARGIN_MS`, never from
   * before a topic was first listened to) that was not delivered yet. Runs once the connection listens again,
   * so an event is either in what it reads or published after it.
   */
  async replayLost(replay: OutboxReplay | undefined, lostAt: number): Promise<void> {
    if (!replay) return;
    for (const topic of this.topics()) {
      try {
        const since = Math.max(lostAt - REPLAY_MARGIN_MS, this.since.get(topic) ?? lostAt);
        const events = await replay(new Date(since), [topic]);
        let delivered = 0;
        for (const event of events) if (this.replay(event)) delivered += 1;
        if (delivered) this.logger.info({ topic, delivered }, 'delivered events missed while reconnecting');
      } catch (error) {
        this.logger.warn({ err: error, topic }, 'could not replay events missed while reconnecting');
      }
    }
  }

  /** Delivers an event read from the outbox (a replay), unless its id was already delivered. */
  replay(event: DomainEvent): boolean {
    const listeners = this.byTopic.get(event.topic);
    if (!listeners || (event.id && !this.firstSight(event.topic, event.id))) return false;
    this.notify(event.topic, listeners, { ...event.payload }, event.id);
    return true;
  }

  /** At-least-once delivery: the relay may send an event twice, and a replay repeats what arrived. */
  private firstSight(topic: string, id: string): boolean {
    let seen = this.seen.get(topic);
    if (!seen) {
      seen = new RecentIds(SEEN_EVENT_IDS);
      this.seen.set(topic, seen);
    }
    return seen.add(id);
  }

  private notify(
    topic: string,
    listeners: Set<DomainEventListener>,
    payload: Record<string, unknown>,
    id: string | undefined,
  ): void {
    const event: DeliveredEvent = id ? { topic, id } : { topic };
    for (const listener of [...listeners]) {
      try {
        listener(payload, event);
      } catch (error) {
        this.logger.error({ err: error, topic }, 'an event listener failed');
      }
    }
  }
}

/** PostgreSQL channel names are identifiers; quoting keeps the dots of a topic. */
function channelOf(topic: string): string {
  return `"hub.${topic}"`;
}

/**
 * LISTEN/NOTIFY on the service's own database: works with the embedded server and in production, and spans
 * every replica connected to that database. One dedicated connection listens (re-established, with its
 * LISTENs, after a connection loss); publishing uses short `pg_notify` calls on a second connection.
 */
export async function createPostgresEventBus(options: {
  connectionString: string;
  logger: Logger;
  onDelivered?: DeliveryObserver;
  /** Reads the outbox after the listening connection was lost (without, what was sent meanwhile is missed). */
  replay?: OutboxReplay;
}): Promise<EventBus> {
  const { logger } = options;
  const listeners = new TopicListeners(logger, options.onDelivered);
  const listening = new Map<string, Promise<unknown>>();
  let closed = false;
  let listener: Client | undefined;
  let connecting: Promise<Client> | undefined;
  /** When the listening connection was lost (first time noticed), until it listens again. */
  let lostAt: number | undefined;
  // A pool, so a connection lost (database restart, failover) is replaced on the next publish.
  const publisher = new Pool({ connectionString: options.connectionString, max: 2 });
  publisher.on('error', (error) => logger.warn({ err: error }, 'event bus publisher connection error'));
  await publisher.query('SELECT 1');

  const connectListener = async (): Promise<Client> => {
    const client = new Client({
      connectionString: options.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      const topic = message.channel.replace(/^hub\./, '');
      listeners.deliver(topic, message.payload ?? '{}');
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      lostAt ??= Date.now();
      logger.warn({ err: error }, 'event bus listener connection lost; reconnecting');
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    await client.connect();
    for (const topic of listeners.topics()) await client.query(`LISTEN ${channelOf(topic)}`);
    if (lostAt !== undefined) {
      const since = lostAt;
      lostAt = undefined;
      await listeners.replayLost(options.replay, since);
    }
    return client;
  };
  /** Keeps trying, once a second, until a listening connection (with all its LISTENs) is back. */
  const reconnectLater = (): void => {
    setTimeout(() => {
      if (closed) return;
      ensureListener().catch((error: unknown) => {
        logger.warn({ err: error }, 'event bus listener could not reconnect; trying again');
        reconnectLater();
      });
    }, RECONNECT_DELAY_MS);
  };
  const ensureListener = (): Promise<Client> => {
    if (listener) return Promise.resolve(listener);
    connecting ??= connectListener().then(
      (client) => {
        // closed while connecting: this connection must not outlive the bus
        if (closed) void client.end().catch(() => undefined);
        listener = client;
        connecting = undefined;
        return client;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  };
  await ensureListener();

  return {
    kind: 'postgres',
    async publish(event) {
      const payload = encode(event);
      await publisher.query('SELECT pg_notify($1, $2)', [`hub.${event.topic}`, payload]);
    },
    async subscribe(topic, onEvent) {
      if (!TOPIC.test(topic)) throw new Error(`Invalid event topic: ${topic}`);
      if (listeners.add(topic, onEvent)) {
        listening.set(
          topic,
          ensureListener().then((client) => client.query(`LISTEN ${channelOf(topic)}`)),
        );
      }
      await listening.get(topic);
      return listeners.activate(topic, () => {
        if (listeners.remove(topic, onEvent)) {
          listening.delete(topic);
          if (listener && !closed) listener.query(`UNLISTEN ${channelOf(topic)}`).catch(() => undefined);
        }
      });
    },
    activeListeners: (topic) => listeners.activeCount(topic),
    async close() {
      closed = true;
      await Promise.allSettled([listener?.end(), publisher.end()]);
    },
  };
}

/**
 * Redis pub/sub (`REDIS_URL`), for large fan-out. Channels are `hub.<namespace>.<topic>`, the namespace being
 * the subgraph's database name: like LISTEN/NOTIFY, which is per database, the replicas of one deployment share
 * a bus while other deployments (or test runs) on the same Redis server stay apart.
 */
export async function createRedisEventBus(options: {
  url: string;
  namespace: string;
  logger: Logger;
  onDelivered?: DeliveryObserver;
  /** Reads the outbox after the subscriber connection was lost (without, what was sent meanwhile is missed). */
  replay?: OutboxReplay;
}): Promise<EventBus> {
  const { logger } = options;
  const listeners = new TopicListeners(logger, options.onDelivered);
  const listening = new Map<string, Promise<unknown>>();
  const publisher = createClient({ url: options.url });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => logger.warn({ err: error }, 'event bus Redis connection error'));
  }
  // node-redis reconnects by itself and subscribes again before it emits `ready`; then the outbox is read.
  let lostAt: number | undefined;
  subscriber.on('error', () => (lostAt ??= Date.now()));
  subscriber.on('reconnecting', () => (lostAt ??= Date.now()));
  subscriber.on('ready', () => {
    if (lostAt === undefined) return;
    const since = lostAt;
    lostAt = undefined;
    void listeners.replayLost(options.replay, since);
  });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  lostAt = undefined;
  if (!/^[a-z_][a-z0-9_]*$/.test(options.namespace))
    throw new Error(`Invalid bus namespace: ${options.namespace}`);
  const channel = (topic: string) => `hub.${options.namespace}.${topic}`;
  return {
    kind: 'redis',
    async publish(event) {
      const message = encode(event);
      // node-redis queues commands while it reconnects; an event with an id is in an outbox, whose relay
      // sends it again, so it fails at once instead (the write that published it does not wait for the bus)
      if (event.id && !publisher.isReady) throw new Error('The event bus (Redis) is not connected');
      await publisher.publish(channel(event.topic), message);
    },
    async subscribe(topic, onEvent) {
      if (!TOPIC.test(topic)) throw new Error(`Invalid event topic: ${topic}`);
      if (listeners.add(topic, onEvent)) {
        listening.set(
          topic,
          subscriber.subscribe(channel(topic), (message: string) => listeners.deliver(topic, message)),
        );
      }
      await listening.get(topic);
      return listeners.activate(topic, () => {
        if (listeners.remove(topic, onEvent)) {
          listening.delete(topic);
          subscriber.unsubscribe(channel(topic)).catch(() => undefined);
        }
      });
    },
    activeListeners: (topic) => listeners.activeCount(topic),
    async close() {
      // a client that is reconnecting would wait for the server to answer QUIT: it is dropped instead
      const end = (client: typeof publisher) => (client.isReady ? client.quit() : client.destroy());
      await Promise.allSettled([end(subscriber), end(publisher)]);
    },
  };
}

/**
 * The bus of a service: Redis when `redisUrl` is set (channels namespaced by `databaseName`), else
 * LISTEN/NOTIFY on `databaseUrl`.
 */
export function createEventBus(options: {
  databaseUrl: string;
  databaseName: string;
  redisUrl?: string;
  logger: Logger;
  /** Called for every message delivered to this process's listeners, with the time since it was published. */
  onDelivered?: DeliveryObserver;
  /** The service's outbox (`createOutbox(…).replay`): what a reconnecting listener missed. */
  replay?: OutboxReplay;
}): Promise<EventBus> {
  const { logger, onDelivered, replay } = options;
  return options.redisUrl
    ? createRedisEventBus({
        url: options.redisUrl,
        namespace: options.databaseName,
        logger,
        onDelivered,
        replay,
      })
    : createPostgresEventBus({ connectionString: options.databaseUrl, logger, onDelivered, replay });
}

import { Client, Pool } from 'pg';
import { createClient } from 'redis';
import type { Logger } from '../runtime/logger';
import type { DeliveryObserver } from '../runtime/metrics';

/**
 * A domain event: what changed, by id, never a whole document (subscribers load what they need). Published
 * only after the write's transaction committed (see `performWrite`).
 */
export interface DomainEvent {
  /** e.g. "events.eventChanged"; becomes the channel name, so keep it short and stable. */
  topic: string;
  payload: Record<string, unknown>;
}

export type DomainEventListener = (payload: Record<string, unknown>) => void;

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
/** How the listening connection shows in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'hub-event-bus';

function encode(event: DomainEvent): string {
  if (!TOPIC.test(event.topic)) throw new Error(`Invalid event topic: ${event.topic}`);
  const json = JSON.stringify(event.payload);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
    throw new Error(
      `Event ${event.topic} is ${bytes} bytes; payloads carry ids and changed fields, at most ${MAX_EVENT_PAYLOAD_BYTES} bytes`,
    );
  }
  return JSON.stringify({ ...event.payload, [PUBLISHED_AT_KEY]: Date.now() });
}

/** Listeners per topic, and delivery that one failing listener cannot break for the others. */
class TopicListeners {
  private readonly byTopic = new Map<string, Set<DomainEventListener>>();
  private readonly active = new Map<string, number>();

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
    }
    listeners.add(listener);
    return first;
  }

  /** Removes a listener; true when the topic has none left (the adapter may stop listening upstream). */
  remove(topic: string, listener: DomainEventListener): boolean {
    const listeners = this.byTopic.get(topic);
    if (!listeners?.delete(listener) || listeners.size) return false;
    this.byTopic.delete(topic);
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
    const publishedAt = payload?.[PUBLISHED_AT_KEY];
    if (typeof publishedAt === 'number') {
      delete payload[PUBLISHED_AT_KEY];
      this.onDelivered?.(topic, (Date.now() - publishedAt) / 1000);
    }
    for (const listener of [...listeners]) {
      try {
        listener(payload);
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
}): Promise<EventBus> {
  const { logger } = options;
  const listeners = new TopicListeners(logger, options.onDelivered);
  const listening = new Map<string, Promise<unknown>>();
  let closed = false;
  let listener: Client | undefined;
  let connecting: Promise<Client> | undefined;
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
      logger.warn({ err: error }, 'event bus listener connection lost; reconnecting');
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    await client.connect();
    for (const topic of listeners.topics()) await client.query(`LISTEN ${channelOf(topic)}`);
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
}): Promise<EventBus> {
  const { logger } = options;
  const listeners = new TopicListeners(logger, options.onDelivered);
  const listening = new Map<string, Promise<unknown>>();
  const publisher = createClient({ url: options.url });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => logger.warn({ err: error }, 'event bus Redis connection error'));
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);
  if (!/^[a-z_][a-z0-9_]*$/.test(options.namespace))
    throw new Error(`Invalid bus namespace: ${options.namespace}`);
  const channel = (topic: string) => `hub.${options.namespace}.${topic}`;
  return {
    kind: 'redis',
    async publish(event) {
      await publisher.publish(channel(event.topic), encode(event));
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
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
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
}): Promise<EventBus> {
  const { logger, onDelivered } = options;
  return options.redisUrl
    ? createRedisEventBus({ url: options.redisUrl, namespace: options.databaseName, logger, onDelivered })
    : createPostgresEventBus({ connectionString: options.databaseUrl, logger, onDelivered });
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Registry };

/** Where every process of the hub serves its Prometheus metrics (text exposition format). */
export const METRICS_PATH = '/metrics';

/**
 * Distinct operation names one process labels its request series with; later names count as `(other)`. The
 * names come from clients' documents, so without a bound any client could grow the series without end.
 */
export const MAX_OPERATION_LABELS = 200;

/** Seconds; from a cached answer (sub-millisecond) to the 30 s statement and subgraph timeouts. */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One registry per server: the gateway and several subgraphs share a process in tests and `npm start`, so
 * nothing goes to prom-client's global registry. Every series carries `service="<name>"`; Node.js's process
 * metrics (`process_*`, `nodejs_*`, prom-client's standard names) are included unless turned off.
 */
export function createMetricsRegistry(service: string, options: { processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** What `hub_graphql_requests_total` and `hub_graphql_request_duration_seconds` are labelled with. */
export interface RequestMetrics {
  /**
   * One answered request to the GraphQL endpoint: `operation` is the operation's name (`(anonymous)` for an
   * unnamed one, `(none)` when no operation was resolved), `outcome` is `ok` or the first error's code.
   */
  observe(operation: string, outcome: string, seconds: number): void;
}

const OPERATION_LABEL = /^(\([a-z]+\)|[_A-Za-z][_0-9A-Za-z]{0,99})$/;
const ERROR_CODE_LABEL = /^[A-Z][A-Z0-9_]{0,63}$/;

/** `ok`, or an error code in the GraphQL style (`BAD_USER_INPUT`); anything else is `ERROR`. */
export function outcomeLabel(code: unknown): string {
  if (code === 'ok') return 'ok';
  return typeof code === 'string' && ERROR_CODE_LABEL.test(code) ? code : 'ERROR';
}

/** Counts a distinct-name budget: names seen so far keep their label, new ones past the budget are `(other)`. */
export function boundedLabels(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return '(other)';
    seen.add(value);
    return value;
  };
}

export function createRequestMetrics(registry: Registry): RequestMetrics {
  const requests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to the end of its response, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const operationLabel = boundedLabels(MAX_OPERATION_LABELS);
  return {
    observe(operation, outcome, seconds) {
      const labels = {
        operation: OPERATION_LABEL.test(operation) ? operationLabel(operation) : '(invalid)',
        outcome: outcomeLabel(outcome),
      };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

/** The parts of a tarn pool (knex's, under MikroORM) the pool gauges read. */
export interface ConnectionPoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * `hub_db_pool_connections{state="used"|"free"|"pending"}`, read at scrape time (`pending`: requests waiting
 * for a connection, the sign of a pool too small or a database too slow) and `hub_db_pool_max`.
 */
export function observeConnectionPool(
  registry: Registry,
  pool: () => ConnectionPoolLike | undefined,
  max: number,
): void {
  new Gauge({
    name: 'hub_db_pool_connections',
    help: 'Connections of the database pool by state: used, free, pending (requests waiting for one).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const current = pool();
      this.set({ state: 'used' }, current?.numUsed() ?? 0);
      this.set({ state: 'free' }, current?.numFree() ?? 0);
      this.set({ state: 'pending' }, current?.numPendingAcquires() ?? 0);
    },
  });
  new Gauge({
    name: 'hub_db_pool_max',
    help: 'Largest number of connections the database pool opens.',
    registers: [registry],
  }).set(max);
}

/** The observer the event bus calls for each message it delivers (see `EventBusOptions.onDelivered`). */
export type DeliveryObserver = (topic: string, lagSeconds: number) => void;

/**
 * `hub_event_bus_delivery_lag_seconds{topic}`: time from `publish` to the delivery of the message to this
 * process's listeners (clocks of different hosts add their skew).
 */
export function createEventBusMetrics(registry: Registry): DeliveryObserver {
  const lag = new Histogram({
    name: 'hub_event_bus_delivery_lag_seconds',
    help: 'Time from publishing a domain event to its delivery to the listeners of this process, by topic.',
    labelNames: ['topic'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const topicLabel = boundedLabels(100);
  return (topic, seconds) => lag.observe({ topic: topicLabel(topic) }, Math.max(0, seconds));
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET /metrics`: the registry in Prometheus's text format, never cached. With `token`, only requests with
 * `Authorization: Bearer <token>` get it (401 otherwise); without, anyone who reaches the port does.
 */
export function metricsHandler(registry: Registry, token?: string): RequestHandler {
  return async (req, res) => {
    res.set('cache-control', 'no-store');
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !sameSecret(given, token)) {
        res
          .status(401)
          .set('www-authenticate', 'Bearer realm="metrics"')
          .type('text/plain')
          .send('Unauthorized\n');
        return;
      }
    }
    try {
      const text = await registry.metrics();
      res.type(registry.contentType).send(text);
    } catch {
      res.status(500).type('text/plain').send('Metrics could not be collected.\n');
    }
  };
}

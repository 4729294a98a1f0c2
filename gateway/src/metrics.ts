import { boundedLabels, DURATION_BUCKETS, outcomeLabel } from '@hub/kit';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { TOO_MANY_CONNECTIONS_CODE } from './connection-caps';
import { LIMIT_ERROR_CODES } from './limits';
import { RATE_LIMITED_CODE } from './rate-limit';
import type { ResponseCache } from './response-cache';
import { RESPONSE_TOO_LARGE } from './response-size';
import type { SubscriptionStats } from './subscriptions';

/** What the gateway's own series read from the parts they describe (at scrape time). */
export interface GatewayMetricSources {
  /** Subscription groups and the client subscriptions they serve (`Subscriptions.stats`). */
  subscriptions: () => SubscriptionStats;
  /** Open graphql-ws sockets and SSE streams (`Subscriptions.connections`). */
  connections: () => { webSockets: number; sseStreams: number };
  /** The response cache, when it is on. */
  responseCache?: ResponseCache;
}

/** Records one fetch from a subgraph: `outcome` is `ok`, the first error's code, or `FETCH_FAILED`. */
export type SubgraphFetchObserver = (subgraph: string, outcome: string, seconds: number) => void;

/**
 * The gateway's series besides the request series every server has (`hub_graphql_requests_total`, …):
 * subgraph fetch latency, subscriptions and their connections, the response cache. Documented in
 * gateway/README.md ("Metrics").
 */
export function createGatewayMetrics(
  registry: Registry,
  sources: GatewayMetricSources,
): SubgraphFetchObserver {
  const fetches = new Histogram({
    name: 'hub_subgraph_fetch_duration_seconds',
    help: 'Time of one fetch from a subgraph (request to parsed answer), by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'hub_websocket_connections',
    help: 'Open graphql-ws connections of clients.',
    registers: [registry],
    collect() {
      this.set(sources.connections().webSockets);
    },
  });
  new Gauge({
    name: 'hub_sse_streams',
    help: 'Open Server-Sent Events streams of clients.',
    registers: [registry],
    collect() {
      this.set(sources.connections().sseStreams);
    },
  });
  new Gauge({
    name: 'hub_subscriptions_active',
    help: 'Client subscriptions being served (graphql-ws and SSE).',
    registers: [registry],
    collect() {
      this.set(sources.subscriptions().members);
    },
  });
  new Gauge({
    name: 'hub_subscription_groups',
    help: 'Upstream subscriptions held for clients (one per group of identical client subscriptions).',
    registers: [registry],
    collect() {
      this.set(sources.subscriptions().groups);
    },
  });
  const cache = sources.responseCache;
  if (cache) {
    // counters mirror the cache's own tallies when scraped (`reset` + `inc` keeps them type counter)
    const tally = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    tally('hub_response_cache_hits_total', 'Answers served from the response cache.', () => cache.stats.hits);
    tally(
      'hub_response_cache_misses_total',
      'Cacheable requests the response cache could not answer.',
      () => cache.stats.misses,
    );
    tally(
      'hub_response_cache_evictions_total',
      'Entries dropped to make room or because they expired.',
      () => cache.stats.evictions,
    );
    tally(
      'hub_response_cache_invalidations_total',
      'Times writes emptied the cache of a subgraph’s data.',
      () => cache.stats.invalidations,
    );
    new Gauge({
      name: 'hub_response_cache_entries',
      help: 'Entries in the response cache (with Redis: every replica’s, counted at most every 15 s).',
      registers: [registry],
      async collect() {
        this.set(await cache.count());
      },
    });
  }
  const subgraphLabel = boundedLabels(100);
  return (subgraph, outcome, seconds) =>
    fetches.observe({ subgraph: subgraphLabel(subgraph), outcome: outcomeLabel(outcome) }, seconds);
}

/**
 * Every way the gateway refuses a client on its own, named by the error code the client gets: the connection
 * caps, the rate limit, the query limits and the cost limit (before anything reaches a subgraph), and the
 * response size (after). A fixed set, so `hub_gateway_refusals_total` has a bounded number of series.
 */
export const REFUSAL_REASONS = [
  TOO_MANY_CONNECTIONS_CODE,
  RATE_LIMITED_CODE,
  ...Object.values(LIMIT_ERROR_CODES),
  RESPONSE_TOO_LARGE,
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Records one refusal (a request, operation or connection turned away) for `reason`. */
export type RefusalObserver = (reason: RefusalReason) => void;

/**
 * `hub_gateway_refusals_total{reason}`: what the limits turned away, so an operator sees whether they bite
 * (an attack, or a limit set too low for real clients) without reading logs. Every reason starts at 0, so a
 * rate over it exists before the first refusal and alerts need no `absent()`.
 */
export function createRefusalMetrics(registry: Registry): RefusalObserver {
  const refusals = new Counter({
    name: 'hub_gateway_refusals_total',
    help: 'Requests, operations and connections the gateway refused by its own limits, by reason (the error code).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  for (const reason of REFUSAL_REASONS) refusals.inc({ reason }, 0);
  return (reason) => refusals.inc({ reason });
}

/**
 * `hub_gateway_single_fetch_answers_total`: queries answered by the single-fetch pass-through (the subgraph's
 * answer sent as is, see single-fetch.ts), read at scrape time from its own count.
 */
export function createPassThroughMetric(
  registry: Registry,
  passThrough: { readonly answered: number; readonly laneAnswered: number },
): void {
  new Counter({
    name: 'hub_gateway_single_fetch_answers_total',
    help: "Queries planned as one plain fetch and answered with the subgraph's answer as is.",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passThrough.answered);
    },
  });
  new Counter({
    name: 'hub_gateway_single_fetch_lane_answers_total',
    help: 'Of those, the requests of an operation known to pass through answered before Apollo Server (the lane).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passThrough.laneAnswered);
    },
  });
}

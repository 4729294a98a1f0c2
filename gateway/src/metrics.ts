import { boundedLabels, DURATION_BUCKETS, outcomeLabel } from '@hub/kit';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResponseCache } from './response-cache';
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
      help: 'Entries in the response cache.',
      registers: [registry],
      collect() {
        this.set(cache.size);
      },
    });
  }
  const subgraphLabel = boundedLabels(100);
  return (subgraph, outcome, seconds) =>
    fetches.observe({ subgraph: subgraphLabel(subgraph), outcome: outcomeLabel(outcome) }, seconds);
}

import type { IncomingMessage, Server } from 'node:http';
import type { ApolloGateway, ServiceMap } from '@apollo/gateway';
import type { InternalSigner, Logger } from '@hub/kit';
import type { RequestHandler } from 'express';
import type { SubscriptionSettings } from '../config';
import type { ConnectionCaps } from '../connection-caps';
import type { RateLimiter } from '../rate-limit';
import type { ErrorExtensionDeclarations } from '../error-extensions';
import type { CallerVerifier } from '../identity';
import type { CostLimit } from '../cost';
import type { RefusalObserver } from '../metrics';
import type { QueryLimits } from '../limits';
import { createSubscriptionErrorMasker } from './errors';
import { SubscriptionExecutor, type SubscriptionStats } from './executor';
import { OperationPreparer } from './operation';
import { SubscriptionPlanner } from './planner';
import { SubscriptionService, type OperationRunner } from './service';
import { ReplayChannels } from './replay';
import { createSseTransport } from './sse';
import { UpstreamClients } from './upstream';
import { attachWebSocketTransport } from './ws-server';

export { MaskedGraphQLError, SUBGRAPH_UNAVAILABLE_MESSAGE, SUBSCRIPTION_ERROR_CODES } from './errors';
export { refuseSubscriptionsOverHttp, SUBSCRIPTION_OVER_HTTP_MESSAGE } from './http-plugin';
export { MAX_PENDING_EVENTS, type SubscriptionStats } from './executor';
export { isOriginAllowed } from './origin';
export { MAX_CACHED_PLANS, type SubscriptionPlan } from './planner';
export { SSE_PATH } from './sse';
export { DEFAULT_SSE_REPLAY_SETTINGS, type SseReplaySettings } from './replay';
export { identityKey, upstreamWebSocketUrl } from './upstream';
export { CLOSE_GRACE_MS } from './ws-server';
export type { OperationRunner } from './service';

export interface SubscriptionsOptions {
  /** Followed through `onSchemaLoadOrUpdate`: create this before the gateway loads (`apollo.start()`). */
  gateway: Pick<ApolloGateway, 'onSchemaLoadOrUpdate'>;
  /** The gateway's data sources by subgraph name, as @apollo/gateway built them. */
  serviceMap: () => ServiceMap;
  /** The HTTP URL of a subgraph (override or supergraph); its graphql-ws URL is derived from it. */
  subgraphUrl: (serviceName: string) => string | undefined;
  /** Queries and mutations sent over graphql-ws go here (Apollo Server's `executeOperation`). */
  runOperation: OperationRunner;
  httpServer: Server;
  path: string;
  settings: SubscriptionSettings;
  limits: QueryLimits;
  /** The cost limit, as over HTTP (cost.ts): a subscription's cost is that of one event's selection. */
  cost?: CostLimit;
  /** Counts the subscriptions a limit refuses (`hub_gateway_refusals_total`). */
  onRefusal?: RefusalObserver;
  /** The extensions client errors may carry, as over HTTP. */
  errorExtensions: ErrorExtensionDeclarations;
  corsOrigins?: readonly string[];
  verifyCaller: CallerVerifier;
  internalSigner: InternalSigner;
  logger: Logger;
  /** Caps on sockets and streams per address and organisation (connection-caps.ts); absent → none. */
  caps?: ConnectionCaps;
  /** The client address of a WebSocket upgrade request (the `trust proxy` rule of express's `req.ip`). */
  clientAddress?: (request: IncomingMessage) => string;
  /** The read rate limit, applied to queries and mutations sent over graphql-ws too; absent → none. */
  rateLimiter?: RateLimiter;
}

export interface Subscriptions {
  /** `GET /graphql/stream` (Server-Sent Events); mount it before the GraphQL middleware. */
  sseHandler: RequestHandler;
  /** Accept graphql-ws upgrades on the HTTP server (call once the routes are in place). */
  listen(): void;
  /** Closes client sockets with 1001, ends SSE streams and every upstream subscription. */
  stop(): Promise<void>;
  /** Subscription groups (one upstream subscription each) and the client subscriptions they serve. */
  stats(): SubscriptionStats;
  /** Client connections open now: graphql-ws sockets and SSE streams. */
  connections(): { webSockets: number; sseStreams: number };
}

const statsByServer = new WeakMap<Server, () => SubscriptionStats>();

/**
 * The subscription groups of the gateway serving on `httpServer` (`RunningGateway.httpServer`), and the client
 * subscriptions they serve: for tests and benchmarks, which cannot count grouped clients upstream.
 */
export function subscriptionStats(httpServer: Server): SubscriptionStats {
  return statsByServer.get(httpServer)?.() ?? { groups: 0, members: 0, executions: 0 };
}

/**
 * Federated subscriptions for the gateway: graphql-ws on `path` of the gateway's own HTTP server and SSE on
 * `/graphql/stream`, both on one service that plans with @apollo/query-planner, opens the primary fetch on the
 * owning subgraph over graphql-ws and resolves the fields other subgraphs own per event.
 */
export function createSubscriptions(options: SubscriptionsOptions): Subscriptions {
  const { logger } = options;
  const mask = createSubscriptionErrorMasker({
    logger,
    limits: options.limits,
    errorExtensions: options.errorExtensions,
  });
  const planner = new SubscriptionPlanner(options.gateway, logger);
  const upstream = new UpstreamClients({
    subgraphUrl: options.subgraphUrl,
    internalSigner: options.internalSigner,
    logger,
  });
  const executor = new SubscriptionExecutor({ upstream, serviceMap: options.serviceMap, mask, logger });
  statsByServer.set(options.httpServer, () => executor.stats());
  const service = new SubscriptionService({
    planner,
    preparer: new OperationPreparer(options.limits, options.cost, options.onRefusal),
    executor,
    mask,
    runOperation: options.runOperation,
  });
  const replay = new ReplayChannels(
    service,
    {
      maxEvents: options.settings.sseReplayMaxEvents,
      maxAgeMs: options.settings.sseReplayMaxAgeMs,
      lingerMs: options.settings.sseReplayLingerMs,
    },
    logger,
  );
  const sse = createSseTransport({
    service,
    replay,
    corsOrigins: options.corsOrigins,
    verifyCaller: options.verifyCaller,
    mask,
    keepAliveMs: options.settings.sseKeepAliveMs,
    logger,
    caps: options.caps,
  });
  let webSockets: ReturnType<typeof attachWebSocketTransport> | undefined;
  let stopping: Promise<void> | undefined;

  return {
    sseHandler: sse.handler,
    listen() {
      webSockets ??= attachWebSocketTransport({
        httpServer: options.httpServer,
        path: options.path,
        service,
        settings: options.settings,
        corsOrigins: options.corsOrigins,
        verifyCaller: options.verifyCaller,
        mask,
        logger,
        caps: options.caps,
        clientAddress: options.clientAddress,
        rateLimiter: options.rateLimiter,
      });
    },
    stop() {
      stopping ??= (async () => {
        sse.close();
        replay.close();
        await webSockets?.close();
        await upstream.close();
        planner.stop();
      })();
      return stopping;
    },
    stats: () => executor.stats(),
    connections: () => ({ webSockets: webSockets?.openSockets() ?? 0, sseStreams: sse.openStreams() }),
  };
}

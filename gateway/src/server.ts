import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ANONYMOUS,
  createLogger,
  INTERNAL_TOKEN_HEADER,
  createMetricsRegistry,
  createRequestMetrics,
  graphqlOperationSpans,
  installJsonErrorHandler,
  jsonBodyParser,
  metricsHandler,
  listSizesOf,
  METRICS_PATH,
  observationOf,
  observeOperationsPlugin,
  observeRequests,
  REQUEST_ID_HEADER,
  subgraphIdentity,
  GATEWAY_ISSUER,
  type InternalSigner,
  type Caller,
  type RequestObservation,
} from '@hub/kit';
import type { Registry } from 'prom-client';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from './config';
import { corsMiddleware } from './cors';
import { dedupeRepresentations, expandEntities } from './entity-batches';
import { createGatewayErrorFormatter, SubgraphUnavailableError } from './errors';
import { createHealthRouter } from './health';
import { createCallerVerifier, InternalTokenCache } from './identity';
import { InFlightFetches, inFlightKey } from './in-flight';
import {
  createGatewayMetrics,
  createPassThroughMetric,
  createRefusalMetrics,
  type SubgraphFetchObserver,
} from './metrics';
import { costLimitPlugin, createCostCheck, type CostLimit } from './cost';
import { countLimitRefusals, createQueryLimitsRule } from './limits';
import { capResponseSize } from './response-size';
import { collapseRepeatedRequestErrors, requireResolvableOperation } from './operation-plugin';
import {
  cachedAnswers,
  isMutationDocument,
  ResponseCache,
  responseCachePlugin,
  type CacheScope,
} from './response-cache';
import { createPlayground, prefersHtml, PLAYGROUND_PATH } from './playground';
import { listSubgraphs, resolveSubgraphUrl } from './subgraphs';
import { createSubscriptions, refuseSubscriptionsOverHttp, SSE_PATH } from './subscriptions';
import { createExportsRouter } from './exports';
import { createFeedsRouter } from './feeds';
import { createPagesRouter, PAGES_ASSETS_PATH } from './pages';
import { ConnectionCaps, upgradeClientAddress } from './connection-caps';
import { RateLimiter, rateLimitMiddleware } from './rate-limit';
import { dashboardRoutes } from './dashboard-page';
import { createObservationsExportRouter } from './observations-export';
import { createSubgraphTransport, forwardClientHeaders } from './transport';
import {
  injectTraceContext,
  noteSharedFetch,
  recordingResponseStatus,
  subgraphFetchSpan,
  traceGraphQLRequests,
} from './tracing';
import { createPublicSdlRouter } from './sdl';
import {
  DEFAULT_PLAN_WARMUP,
  isWarmUpStop,
  QueryPlanCounter,
  warmQueryPlans,
  WarmUpStop,
  WARM_UP_STOP_CODE,
} from './plan-warmup';
import { createWidgetRouter } from './widget';
import { attachPrefetched, createSingleFetchPassThrough, takePrefetched } from './single-fetch';
import { laneFetchOf, singleFetchLane } from './single-fetch-lane';

export const GRAPHQL_PATH = '/graphql';

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql (also graphql-ws at ws://…/graphql). */
  url: string;
  /** The Server-Sent Events endpoint for subscriptions, e.g. http://127.0.0.1:4000/graphql/stream. */
  streamUrl: string;
  port: number;
  /** The gateway's own HTTP server (graphql-ws attaches here). */
  httpServer: Server;
  /** The gateway's Prometheus metrics, served on `GET /metrics` (see metrics.ts). */
  metrics: Registry;
  /**
   * Closes subscription sockets with 1001 (Going Away) and SSE streams, ends their upstream subscriptions,
   * then stops Apollo (which drains and closes the HTTP server) and the gateway; safe to call more than once.
   */
  stop(): Promise<void>;
}

/**
 * Express 5 leaves `req.body` unset when the content type is not JSON; Apollo then answers 500 ("req.body is
 * not set"). An empty body lets Apollo answer as it should: CSRF 400, or 400 for a missing query.
 */
function ensureBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.body === undefined) req.body = {};
  next();
}

/** What every resolver and data source of the gateway sees about the request. */
export interface GatewayContext {
  /** Verified from the client's `Authorization` header; `ANONYMOUS` without one. */
  caller: Caller;
  /** What the response cache records of a client's HTTP request (absent when the cache is off). */
  cacheScope?: CacheScope;
  /** The client request's id (`x-request-id`), sent on to every subgraph fetch it causes. */
  requestId?: string;
  /** The HTTP request's access log and metrics record (absent for the gateway's own operations). */
  observation?: RequestObservation;
  /** Set on the start-up warm-up's requests: planned, then stopped before anything is fetched. */
  planWarmUp?: true;
}

/**
 * Request headers that carry or claim an identity. None of them ever reaches a subgraph: the only identity a
 * subgraph reads is the internal token the gateway signs (`x-hub-internal-token`, itself an `x-hub-` header).
 */
export function isIdentityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'authorization' ||
    lower === 'proxy-authorization' ||
    lower === 'cookie' ||
    lower === 'forwarded' ||
    lower === 'x-api-key' ||
    lower === 'x-remote-user' ||
    lower.startsWith('x-hub-') ||
    lower.startsWith('x-user') ||
    lower.startsWith('x-auth') ||
    lower.startsWith('x-forwarded-') ||
    lower.startsWith('x-amzn-oidc-') ||
    lower.startsWith('x-ms-client-principal')
  );
}

/** What a subgraph fetch answers (@apollo/server-gateway-interface's type, not a dependency of ours). */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * The data source of every subgraph: drops identity-bearing headers (@apollo/gateway copies no client
 * header, but a header set upstream in the gateway must not slip through either) and signs the caller into
 * the internal token. Requests of the gateway itself (health checks, schema loading) go as anonymous.
 */

class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalTokens: InternalTokenCache,
    private readonly name: string,
    private readonly cache: ResponseCache | undefined,
    fetcher: Fetcher,
    private readonly observeFetch: SubgraphFetchObserver,
  ) {
    super({ url });
    this.audience = subgraphIdentity(name);
    this.fetcher = executedResultsAsOk(recordingResponseStatus(fetcher));
  }

  /** The audience of this subgraph's internal tokens. */
  private readonly audience: string;

  /** Identical reads in flight at once share one request (see `in-flight.ts`). */
  private readonly inFlight = new InFlightFetches<SubgraphResponse>((response) => ({
    ...response,
    ...(response.data ? { data: structuredClone(response.data) } : {}),
    ...(response.errors ? { errors: structuredClone(response.errors) } : {}),
  }));

  /**
   * Records the subgraph in the request's cache scope; after a mutation (answered, so committed, or failed, so
   * perhaps committed) empties the response cache of this subgraph's data. Reads of a client go through the
   * in-flight sharing.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const incoming = 'incomingRequestContext' in options;
    if (incoming) {
      options.context.cacheScope?.subgraphs.add(this.name);
      // the single-fetch pass-through already fetched this and hands the answer to the normal path
      const prefetched = takePrefetched(options.context, this.name, options.request.query);
      if (prefetched) return prefetched;
    }
    if (isMutationDocument(options.request.query)) {
      try {
        return await this.fetch(options);
      } finally {
        this.cache?.invalidate([this.name]);
      }
    }
    if (!incoming || !options.request.query) return this.fetch(options);
    const key = inFlightKey(
      this.name,
      options.context.caller,
      options.request.query,
      options.request.variables,
    );
    let shared = true;
    const response = this.inFlight.run(key, () => {
      shared = false;
      return this.fetch(options);
    });
    if (shared) noteSharedFetch(this.name); // its trace has the other request's fetch span, not one of its own
    return response;
  }

  /** One fetch from the subgraph, timed for `hub_subgraph_fetch_duration_seconds`. */
  private async fetch(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const started = performance.now();
    try {
      const response = await subgraphFetchSpan(
        { subgraph: this.name, url: this.url, operationName: options.request.operationName },
        () => this.fetchDistinct(options),
      );
      const code = response.errors?.length ? (response.errors[0]?.extensions?.code ?? 'ERROR') : 'ok';
      this.observeFetch(this.name, String(code), (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      this.observeFetch(this.name, 'FETCH_FAILED', (performance.now() - started) / 1000);
      // no answer at all (refused, reset, timed out): the client learns which service is missing, its other
      // fields still answer; an HTTP error answer (a GraphQLError from RemoteGraphQLDataSource) stays masked
      if (!(error instanceof GraphQLError)) throw new SubgraphUnavailableError(this.name, error);
      throw error;
    }
  }

  /** Entity fetches send each distinct representation once (see `entity-batches.ts`). */
  private async fetchDistinct(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations)) return super.process(options);
    const batch = dedupeRepresentations(representations);
    if (batch.unique.length === representations.length) return super.process(options);
    options.request.variables = { ...options.request.variables, representations: batch.unique };
    return expandEntities(await super.process(options), batch);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const name of Array.from(headers, ([header]) => header)) {
      if (isIdentityHeader(name)) headers.delete(name);
    }
    // only operations of a client carry its context (@apollo/gateway does not export the kind enum)
    const caller = 'incomingRequestContext' in options ? options.context.caller : undefined;
    const requestId = 'incomingRequestContext' in options ? options.context.requestId : undefined;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    forwardClientHeaders(options, headers);
    headers.set(
      INTERNAL_TOKEN_HEADER,
      // for this subgraph only (its audience): a subgraph cannot replay it against another
      await this.internalTokens.tokenFor(caller ?? ANONYMOUS, this.audience),
    );
    injectTraceContext(headers); // traceparent of the fetch span; none when tracing is off
  }
}

/**
 * Apollo Server answers with the HTTP status an error asks for in `extensions.http`, also for errors thrown
 * by resolvers: a subgraph whose resolver throws kit's `unauthenticated` answers HTTP 401 with a normal
 * GraphQL result (`data` and `errors` with paths). @apollo/gateway would drop such a body and report only
 * "401: Unauthorized". As in GraphQL over HTTP, a JSON body with a `data` key means the operation was
 * executed: it goes on as 200, so its errors keep their message, code and path, and the rest of its data
 * survives. A non-2xx answer without `data` (e.g. the subgraph refusing the internal token) stays a failure.
 */
type Fetcher = RemoteGraphQLDataSource['fetcher'];

function executedResultsAsOk(fetcher: Fetcher): Fetcher {
  return async (url, init) => {
    const response = await fetcher(url, init);
    if (response.ok || !response.headers.get('content-type')?.includes('json')) return response;
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return response;
    }
    if (typeof body !== 'object' || body === null || !('data' in body)) return response;
    return new Response(text, { status: 200, headers: Object.fromEntries(response.headers) });
  };
}

/**
 * Adds the `WWW-Authenticate: Bearer` challenge RFC 6750 asks of a 401 to kit's `unauthenticated` error
 * (Apollo sends `extensions.http` as the response's status and headers, and never shows it to the client).
 */
function withBearerChallenge(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') return error;
  return new GraphQLError(error.message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: {
        status: 401,
        headers: new HeaderMap([['www-authenticate', 'Bearer realm="hub", error="invalid_token"']]),
      },
    },
  });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the gateway: @apollo/gateway over the static supergraph on Apollo Server 5 + express 5, with query
 * limits, error masking, health checks and the self-hosted playground. Used by main.ts and by tests.
 */
export async function createGatewayServer(config: GatewayConfig): Promise<RunningGateway> {
  const logger = config.logger ?? createLogger('gateway', config.logLevel);
  const subgraphs = listSubgraphs(config.supergraphSdl, config.subgraphUrls);
  if (config.internalSigningKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('The internal signing key must be an Ed25519 private key.');
  }
  const internalSigner: InternalSigner = { issuer: GATEWAY_ISSUER, privateKey: config.internalSigningKey };
  const verifyCaller = createCallerVerifier(config.auth);
  const internalTokens = new InternalTokenCache(internalSigner);

  const metrics = createMetricsRegistry('gateway');
  // every limit below reports what it turns away (`hub_gateway_refusals_total{reason}`)
  const observeRefusal = createRefusalMetrics(metrics);
  // filled in once the subscriptions exist; the data sources need the fetch observer before that
  const metricSources: { subscriptions?: ReturnType<typeof createSubscriptions> } = {};
  const transport = createSubgraphTransport(config.subgraphTransport);
  const responseCache = config.responseCache ? new ResponseCache(config.responseCache, logger) : undefined;
  await responseCache?.start();
  const rateLimiter = config.rateLimit
    ? new RateLimiter(config.rateLimit, logger, observeRefusal)
    : undefined;
  await rateLimiter?.start();
  const observeFetch = createGatewayMetrics(metrics, {
    subscriptions: () => metricSources.subscriptions?.stats() ?? { groups: 0, members: 0, executions: 0 },
    connections: () => metricSources.subscriptions?.connections() ?? { webSockets: 0, sseStreams: 0 },
    responseCache,
  });

  // the declared list sizes come from the static supergraph (schema/supergraph.graphql), read once
  const costLimit: CostLimit = {
    maxCost: config.limits.maxCost,
    listSizes: listSizesOf(config.supergraphSdl),
  };
  const costOf = createCostCheck(costLimit.listSizes);
  // the data sources @apollo/gateway builds, kept for the subscription executor (same signing, same URLs)
  const dataSources = new Map<string, { url: string; dataSource: HubDataSource }>();
  const queryPlans = new QueryPlanCounter(metrics);
  const onPlan = (queryPlan: QueryPlan, context: object) => {
    queryPlans.observe(queryPlan);
    if ((context as Partial<GatewayContext>).planWarmUp) throw new WarmUpStop();
  };
  // @inaccessible types and enum values exist in a subgraph but not in the API: @apollo/gateway's shaping
  // removes them from answers, so a supergraph that hides anything always takes the normal path
  const passThrough =
    config.singleFetchPassThrough !== false && !/@inaccessible\b/.test(config.supergraphSdl)
      ? createSingleFetchPassThrough({
          dataSource: (name) => dataSources.get(name)?.dataSource,
          onPlan,
          withinLimits: (schema, document, operationName, variables) =>
            (costOf(schema, document, operationName, variables) ?? 0) <= costLimit.maxCost,
        })
      : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    logger,
    // called after the plan is built or taken from the cache, before anything is fetched
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext, operationContext }) => {
      passThrough?.notePlan(
        queryPlan,
        requestContext,
        operationContext.operation,
        operationContext.fragments,
      );
      onPlan(queryPlan, requestContext.context);
    },
    buildService: ({ name, url }) => {
      const target = resolveSubgraphUrl(name, url ?? '', config.subgraphUrls);
      if (!target) throw new Error(`Subgraph "${name}" has no URL in the supergraph and no override.`);
      const dataSource = new HubDataSource(
        target,
        internalTokens,
        name,
        responseCache,
        transport.fetcher,
        observeFetch,
      );
      dataSources.set(name, { url: target, dataSource });
      return dataSource;
    },
  });
  if (passThrough) {
    // Apollo Server takes the executor from gateway.load(), which hands out this property
    gateway.executor = passThrough.executor(gateway.executor);
    gateway.onSchemaLoadOrUpdate(() => passThrough.reset());
    createPassThroughMetric(metrics, passThrough);
  }

  const app = express();
  app.disable('x-powered-by');
  // req.ip (caps, rate limit) reads X-Forwarded-For only from the proxies this trusts
  app.set('trust proxy', config.trustProxy ?? false);
  app.use(observeRequests({ logger, graphqlPath: GRAPHQL_PATH, metrics: createRequestMetrics(metrics) }));
  const httpServer = createServer(app);
  const formatError = createGatewayErrorFormatter({
    logger,
    limits: config.limits,
    errorExtensions: config.errorExtensions,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: config.introspection, // the playground's docs need it; it obeys the limits like any query
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // main.ts owns the signals
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: [createQueryLimitsRule(config.limits)],
    // the warm-up's own stop is expected: not logged, never seen by a client
    formatError: (formatted, error) =>
      isWarmUpStop(error)
        ? { message: formatted.message, extensions: { code: WARM_UP_STOP_CODE } }
        : formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints are set: without this, Apollo wraps every field resolver to compute them
      ApolloServerPluginCacheControlDisabled(),
      refuseSubscriptionsOverHttp(),
      requireResolvableOperation<GatewayContext>(),
      collapseRepeatedRequestErrors<GatewayContext>(),
      observeOperationsPlugin<GatewayContext>((context) => context.observation),
      costLimitPlugin<GatewayContext>(costLimit, costOf),
      countLimitRefusals<GatewayContext>(observeRefusal, config.limits.maxTokens),
      graphqlOperationSpans<GatewayContext>(),
      ...(responseCache ? [responseCachePlugin<GatewayContext>(responseCache)] : []),
    ],
  });
  /** One operation through Apollo's executor as `caller` (subscriptions' follow-ups, the CSV export). */
  const runOperation = async (
    {
      query,
      variables,
      operationName,
    }: { query: string; variables?: Record<string, unknown>; operationName?: string },
    caller: Caller,
  ) => {
    const response = await apollo.executeOperation<Record<string, unknown>>(
      { query, variables, operationName },
      { contextValue: { caller } },
    );
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported here');
    return response.body.singleResult;
  };
  // before apollo.start(): the planner follows the supergraph from its first load on
  const subscriptions = createSubscriptions({
    gateway,
    serviceMap: () =>
      Object.fromEntries([...dataSources].map(([name, { dataSource }]) => [name, dataSource])),
    subgraphUrl: (name) => dataSources.get(name)?.url,
    runOperation,
    httpServer,
    path: GRAPHQL_PATH,
    settings: config.subscriptions,
    limits: config.limits,
    cost: costLimit,
    onRefusal: observeRefusal,
    errorExtensions: config.errorExtensions,
    corsOrigins: config.corsOrigins,
    verifyCaller,
    internalSigner,
    logger,
    ...(config.connectionCaps ? { caps: new ConnectionCaps(config.connectionCaps, observeRefusal) } : {}),
    clientAddress: (request) => upgradeClientAddress(request, app.get('trust proxy fn')),
    ...(rateLimiter ? { rateLimiter } : {}),
  });
  metricSources.subscriptions = subscriptions;
  await apollo.start();
  // before listening: the first clients of a known operation find its plan ready
  await warmQueryPlans(
    config.knownOperations ?? [],
    async ({ query, name, variables }) => {
      const response = await apollo.executeOperation(
        { query, variables, operationName: name },
        { contextValue: { caller: ANONYMOUS, planWarmUp: true } },
      );
      if (response.body.kind !== 'single') return undefined;
      const code = response.body.singleResult.errors?.[0]?.extensions?.code;
      return typeof code === 'string' ? code : undefined;
    },
    config.planWarmup ?? DEFAULT_PLAN_WARMUP,
    logger,
  );

  /** The context of a client's HTTP request; throws kit's `unauthenticated` for a bad token. */
  const contextOf = async (req: Request, res: Response): Promise<GatewayContext> => {
    const caller = await verifyCaller(req.headers.authorization);
    const observation = observationOf(res);
    return {
      caller,
      ...(observation ? { requestId: observation.requestId, observation } : {}),
      ...(responseCache ? { cacheScope: responseCache.scope() } : {}),
    };
  };

  try {
    // operational data for Prometheus, not for browsers: before CORS, outside /graphql (see README "Metrics")
    app.get(METRICS_PATH, metricsHandler(metrics, config.metricsToken));
    if (config.corsOrigins?.length) app.use(corsMiddleware(config.corsOrigins));
    app.use(createHealthRouter(subgraphs, logger));
    app.use(createWidgetRouter());
    if (config.publicSdl !== false) app.use(createPublicSdlRouter(config.supergraphSdl));
    // everything below runs GraphQL operations (the API, exports, feeds, pages) and is counted, but static
    // files, the playground and SSE streams (bounded by the connection caps instead)
    if (rateLimiter) {
      app.use(
        rateLimitMiddleware(rateLimiter, {
          callerOf: (req) => verifyCaller(req.headers.authorization),
          skip: (req) =>
            req.path === SSE_PATH ||
            req.path.startsWith(`${PAGES_ASSETS_PATH}/`) ||
            req.path === PLAYGROUND_PATH ||
            req.path.startsWith(`${PLAYGROUND_PATH}/`) ||
            (req.path === GRAPHQL_PATH && req.method === 'GET' && prefersHtml(req)),
        }),
      );
    }
    app.use(createExportsRouter(runOperation));
    app.use(createFeedsRouter(runOperation, config.supergraphSdl, { publicUrl: config.publicUrl }));
    app.use(
      createPagesRouter(runOperation, {
        extraRoutes: dashboardRoutes(runOperation),
        publicUrl: config.publicUrl,
      }),
    );
    app.use(createObservationsExportRouter(runOperation, logger));
    if (config.playground !== false) {
      const exampleOperations = config.playground === true ? [] : config.playground.exampleOperations;
      const playground = createPlayground({ endpoint: GRAPHQL_PATH, exampleOperations });
      app.use(playground.router);
      app.get(GRAPHQL_PATH, (req, res, next) => (prefersHtml(req) ? playground.sendPage(req, res) : next()));
    }
    app.get(SSE_PATH, subscriptions.sseHandler); // before the GraphQL middleware, which would claim the path
    app.use(
      GRAPHQL_PATH,
      traceGraphQLRequests(GRAPHQL_PATH),
      capResponseSize(config.limits.maxResponseBytes, logger, observeRefusal),
      jsonBodyParser(config.limits.bodyLimit),
      ensureBody,
      ...(responseCache ? [cachedAnswers(responseCache)] : []),
      // the response cache keeps what Apollo's pipeline answers (its plugin): with it, no lane
      ...(passThrough && !responseCache ? [singleFetchLane(passThrough, contextOf)] : []),
      expressMiddleware(apollo, {
        // a bad token throws kit's `unauthenticated`: Apollo answers HTTP 401 (its `extensions.http.status`)
        // with code UNAUTHENTICATED, before anything is planned or sent to a subgraph
        context: async ({ req, res }) => {
          try {
            const context = await contextOf(req, res);
            // the lane's fetch, when its answer needs @apollo/gateway's shaping (errors)
            const prefetched = laneFetchOf(res);
            if (prefetched) attachPrefetched(context, prefetched);
            return context;
          } catch (error) {
            throw withBearerChallenge(error);
          }
        },
      }),
    );
    installJsonErrorHandler(app, logger);
    subscriptions.listen();

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await subscriptions.stop();
    await apollo.stop();
    await responseCache?.stop();
    await rateLimiter?.stop();
    await transport.close();
    throw error;
  }

  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${displayHost(config.host)}:${port}`;
  const url = `${origin}${GRAPHQL_PATH}`;
  logger.info(
    {
      url,
      ...(config.playground !== false ? { playground: `${origin}${PLAYGROUND_PATH}` } : {}),
      subgraphs: subgraphs.map(({ name }) => name),
    },
    'gateway listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    streamUrl: `${origin}${SSE_PATH}`,
    port,
    httpServer,
    metrics,
    stop() {
      stopping ??= (async () => {
        logger.info('gateway stopping');
        // open sockets and streams would keep the HTTP server from draining
        await subscriptions.stop();
        await apollo.stop();
        await responseCache?.stop();
        await rateLimiter?.stop();
        await transport.close();
        logger.info('gateway stopped');
      })();
      return stopping;
    },
  };
}

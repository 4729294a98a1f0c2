import type { KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { currentSqlStatementTally, countSqlStatements } from '../data/sql-statements';
import { openSubgraphDatabase } from '../data/subgraph-database';
import { SERVING_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../data/orm';
import { createErrorMasker } from '../graphql/errors';
import { createPeerDirectory, type PeerDirectory } from '../graphql/peers';
import { buildSubgraphSchemaFor } from '../graphql/subgraph-schema';
import { createEventBus, type EventBus } from '../live/event-bus';
import { createOutbox } from '../live/outbox';
import {
  INTERNAL_TOKEN_HEADER,
  subgraphIdentity,
  verifyInternalToken,
  type Caller,
  type InternalTrust,
} from '../writes/identity';
import { defaultDatabaseName } from './config';
import type { SubgraphDefinition } from './definition';
import { parseSubgraphSettings } from './settings';
import { installJsonErrorHandler, jsonBodyParser, requestErrorBody } from './http';
import { createLogger, type Logger, type LogLevel } from './logger';
import { graphqlOperationSpans, traceHttpRequests } from './tracing';
import {
  createEventBusMetrics,
  createMetricsRegistry,
  createRequestMetrics,
  metricsHandler,
  METRICS_PATH,
  observeConnectionPool,
  type ConnectionPoolLike,
  type Registry,
} from './metrics';
import {
  observeOperationsPlugin,
  observationOf,
  observeRequests,
  type RequestObservation,
} from './request-log';

/** What every resolver receives: a request-scoped entity manager, fresh DataLoaders and a logger. */
export interface SubgraphContext<TLoaders, TSettings = unknown> {
  /** The gateway's `x-request-id` for this request (a new id when it sent none); also in audit records. */
  requestId: string;
  /** Who is calling, as verified by the gateway (anonymous callers have no subject). */
  caller: Caller;
  em: EntityManager;
  loaders: TLoaders;
  /** The subgraph's own settings (`definition.settings`), parsed once on start. */
  settings: TSettings;
  /** The subgraph's logger; its lines carry the request id. */
  logger: Logger;
  /** Other subgraphs this one may ask (`SubgraphConfig.peers`); one directory, and cache, per process. */
  peers: PeerDirectory;
  /** The HTTP request's access log and metrics record (absent for subscriptions). */
  observation?: RequestObservation;
  /**
   * The client's `Accept-Language` as the gateway forwards it (absent for subscriptions and when none was sent),
   * for fields labelled in several languages; read it with `negotiateLanguage`.
   */
  acceptLanguage?: string;
  /** The event bus: `performWrite` publishes a write's domain events here after commit. */
  bus: EventBus;
  /**
   * Subscriptions only (graphql-ws): opens a fresh `em` and `loaders` before each event is resolved, so a
   * long-lived subscription never serves what an earlier event cached (see `busSubscription`).
   */
  renewScope?: () => void;
}

/** Largest graphql-ws message a subgraph accepts (subscribe messages from the gateway are small). */
export const SUBGRAPH_WS_MAX_PAYLOAD_BYTES = 256 * 1024;

/** Key material of a subgraph's internal identity (see `writes/identity.ts`, settings in the kit README). */
export interface SubgraphInternalKeys {
  /** The gateway's public keys (`INTERNAL_VERIFY_KEYS`; several during a rotation): it signs client requests. */
  gatewayKeys: readonly KeyObject[];
  /** This subgraph's own private key (`INTERNAL_SIGNING_KEY`): signs its calls to peers. */
  signingKey?: KeyObject;
  /** Public keys of the subgraphs that may call this one as peers, by name (`PEER_KEYS`). */
  peerKeys?: Readonly<Record<string, readonly KeyObject[]>>;
}

/** Typed configuration of one subgraph process (see `subgraphEnvSchema`). */
export interface SubgraphConfig {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** URL of the PostgreSQL server; the subgraph creates and uses its own database there. */
  databaseServerUrl: string;
  /** Defaults to `hub_<name>`. */
  databaseName?: string;
  /**
   * Create the database, migrate and seed at start (default true). False (`MIGRATE_ON_START=false`): a
   * separate `hub-subgraph migrate` run (the Kubernetes Job) does that, and the start fails while migrations
   * are pending.
   */
  migrateOnStart?: boolean;
  /** The keys of the internal identity: whose tokens this subgraph accepts and how it signs its peer calls. */
  internalKeys: SubgraphInternalKeys;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Adds `extensions.sqlStatements` to responses: for tests and benchmarks, never in production. */
  exposeSqlStatementCount?: boolean;
  /** GraphQL URLs of other subgraphs by name (e.g. `{ regions: 'http://…/graphql' }`), for `context.peers`. */
  peers?: Record<string, string>;
  /** Redis for the event bus; without it the bus is LISTEN/NOTIFY on the subgraph's own database. */
  redisUrl?: string;
  /** PostgreSQL session limits of the pool; default `SERVING_DATABASE_TIMEOUTS` (30 s per statement). */
  databaseTimeouts?: DatabaseTimeouts;
  /**
   * Values of the definition's settings variables by name (`{ FORUM_POSTS_PER_MINUTE: 3 }`), over the same
   * variables of `process.env`; checked by `definition.settings.schema` (an unknown name throws).
   */
  settings?: Record<string, unknown>;
  /** When set, `GET /metrics` answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM<PostgreSqlDriver>;
  schema: GraphQLSchema;
  /** The bus the subgraph publishes its domain events on (and its subscriptions listen to). */
  bus: EventBus;
  /** The subgraph's Prometheus metrics, served on `GET /metrics` (see `runtime/metrics.ts`). */
  metrics: Registry;
  /** SQL statements this subgraph has sent since it started (tests compare it before and after a request). */
  sqlStatementsSent(): number;
  stop(): Promise<void>;
}

const sqlStatementCountPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const tally = currentSqlStatementTally();
        if (tally && response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            sqlStatements: tally.count,
          };
        }
      },
    };
  },
};

/** The pool of the ORM's connections (knex's tarn pool); undefined before knex made it. */
function connectionPoolOf(orm: MikroORM<PostgreSqlDriver>): ConnectionPoolLike | undefined {
  const knex = orm.em.getDriver().getConnection().getKnex() as unknown as {
    client?: { pool?: ConnectionPoolLike };
  };
  return knex.client?.pool;
}

/**
 * Starts a subgraph: creates its database if needed, applies migrations, runs first-start seeds, builds the
 * federated schema and serves it on `/graphql` with `/health/live` and `/health/ready`.
 */
export async function startSubgraph<TLoaders, TSettings>(
  definition: SubgraphDefinition<TLoaders, TSettings>,
  config: SubgraphConfig,
): Promise<RunningSubgraph> {
  const settings = parseSubgraphSettings(definition, config.settings); // before anything starts
  const logger = config.logger ?? createLogger(definition.name, config.logLevel);
  const metrics = createMetricsRegistry(definition.name);
  let statementsSent = 0;
  const { orm, clientUrl } = await openSubgraphDatabase(
    definition,
    config,
    logger,
    () => {
      statementsSent += 1;
    },
    config.databaseTimeouts ?? SERVING_DATABASE_TIMEOUTS,
  );
  let bus: EventBus;
  // the transactional outbox's relay: publishes what the fast path of performWrite could not
  const outbox = createOutbox({ connectionString: clientUrl, logger, metrics });
  try {
    bus = await createEventBus({
      databaseUrl: clientUrl,
      databaseName: config.databaseName ?? defaultDatabaseName(definition.name),
      redisUrl: config.redisUrl,
      logger,
      onDelivered: createEventBusMetrics(metrics),
      replay: outbox.replay,
    });
  } catch (error) {
    await outbox.close();
    await orm.close(true);
    throw error;
  }
  outbox.startRelay(bus);
  try {
    const schema = await buildSubgraphSchemaFor(definition);
    const peers = createPeerDirectory({
      peers: config.peers ?? {},
      ...(config.internalKeys.signingKey
        ? {
            signer: {
              issuer: subgraphIdentity(definition.name),
              privateKey: config.internalKeys.signingKey,
            },
          }
        : {}),
      logger,
    });
    const trust: InternalTrust = {
      audience: subgraphIdentity(definition.name),
      gatewayKeys: config.internalKeys.gatewayKeys,
      ...(config.internalKeys.peerKeys ? { peerKeys: config.internalKeys.peerKeys } : {}),
    };
    /** A request's context: a fresh entity manager and DataLoaders, the verified caller, shared services. */
    const requestContext = (caller: Caller, requestId: string): SubgraphContext<TLoaders, TSettings> => {
      const em = orm.em.fork();
      return {
        requestId,
        caller,
        em,
        loaders: definition.loaders(em, settings),
        settings,
        logger: logger.child({ requestId }),
        peers,
        bus,
      };
    };
    observeConnectionPool(metrics, () => connectionPoolOf(orm), orm.config.get('pool')?.max ?? 0);
    const app = express();
    app.disable('x-powered-by');
    app.use(observeRequests({ logger, graphqlPath: '/graphql', metrics: createRequestMetrics(metrics) }));
    const httpServer: Server = createServer(app);
    const apollo = new ApolloServer<SubgraphContext<TLoaders, TSettings>>({
      schema,
      introspection: true,
      csrfPrevention: true,
      // main.ts owns the signals: Apollo's own handler would exit before the database pool is closed.
      stopOnTerminationSignals: false,
      hideSchemaDetailsFromClientErrors: true,
      includeStacktraceInErrorResponses: false,
      formatError: createErrorMasker(logger),
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        // no cache hints are set: without this, Apollo wraps every field resolver to compute them
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        observeOperationsPlugin<SubgraphContext<TLoaders, TSettings>>((context) => context.observation),
        graphqlOperationSpans<SubgraphContext<TLoaders, TSettings>>(),
        ...(config.exposeSqlStatementCount ? [sqlStatementCountPlugin] : []),
      ],
    });
    await apollo.start();

    // operational data, not for clients: outside /graphql (no CORS, no internal token); METRICS_TOKEN guards it
    app.get(METRICS_PATH, metricsHandler(metrics, config.metricsToken));
    app.get('/health/live', (_req, res) => {
      res.json({ status: 'ok', service: definition.name });
    });
    app.get('/health/ready', async (_req, res) => {
      try {
        await orm.em.fork().execute('SELECT 1');
        res.json({ status: 'ok', service: definition.name });
      } catch (error) {
        logger.warn({ err: error }, 'readiness check failed');
        res
          .status(503)
          .json({ status: 'unavailable', service: definition.name, reason: 'database unreachable' });
      }
    });
    app.use(
      '/graphql',
      // a span per request, the child of the gateway's fetch span (its `traceparent`); SQL spans nest in it
      traceHttpRequests({
        scope: '@hub/kit',
        route: '/graphql',
        attributes: { 'subgraph.name': definition.name },
      }),
      (req, res, next) => {
        countSqlStatements(() => next());
      },
      async (req, res, next) => {
        try {
          res.locals.caller = await verifyInternalToken(req.header(INTERNAL_TOKEN_HEADER), trust);
          next();
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Unauthenticated';
          res.status(401).json(requestErrorBody(message, 'UNAUTHENTICATED'));
        }
      },
      jsonBodyParser(),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const observation = observationOf(res);
          const context = requestContext(res.locals.caller as Caller, observation?.requestId ?? randomUUID());
          if (observation) context.observation = observation;
          const acceptLanguage = req.header('accept-language');
          if (acceptLanguage) context.acceptLanguage = acceptLanguage;
          return context;
        },
      }),
    );
    installJsonErrorHandler(app, logger);

    // Subscriptions: graphql-ws on the same path, behind the same internal-token check (sent by the gateway
    // as connectionParams, since browsers' and most clients' WebSockets cannot set headers).
    const maskError = createErrorMasker(logger);
    const webSockets = new WebSocketServer({
      server: httpServer,
      path: '/graphql',
      maxPayload: SUBGRAPH_WS_MAX_PAYLOAD_BYTES,
    });
    const webSocketServer = useServer<Record<string, unknown> | undefined, { caller?: Caller }>(
      {
        schema,
        onConnect: async (ctx) => {
          try {
            const token = ctx.connectionParams?.[INTERNAL_TOKEN_HEADER];
            ctx.extra.caller = await verifyInternalToken(
              typeof token === 'string' ? token : undefined,
              trust,
            );
            return true;
          } catch {
            return false; // graphql-ws closes with 4403 Forbidden
          }
        },
        context: (ctx) => {
          const context = requestContext(ctx.extra.caller!, randomUUID());
          context.renewScope = () => {
            context.em = orm.em.fork();
            context.loaders = definition.loaders(context.em, settings);
          };
          return context;
        },
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors?.length
            ? { ...result, errors: result.errors.map((error) => maskError(error.toJSON(), error)) }
            : undefined,
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => maskError(error.toJSON(), error)),
      },
      webSockets,
    );

    await new Promise<void>((resolve) => httpServer.listen(config.port, config.host ?? '127.0.0.1', resolve));
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : '127.0.0.1';
    const url = `http://${host}:${port}/graphql`;
    logger.info({ url }, 'subgraph listening');

    let stopped = false;
    return {
      name: definition.name,
      url,
      port,
      orm,
      schema,
      bus,
      metrics,
      sqlStatementsSent: () => statementsSent,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Open subscriptions end with 1001 (Going Away) before the HTTP server drains.
        await webSocketServer.dispose();
        await new Promise<void>((resolve) => webSockets.close(() => resolve()));
        await apollo.stop();
        // the relay and the bus's connections go first: they would see the database go away and log it as a
        // failure (what the relay has not sent stays in the outbox for the next start)
        await outbox.close();
        await bus.close();
        logger.debug('event bus closed');
        await orm.close(true);
        logger.debug('database connections closed');
        logger.info('subgraph stopped');
      },
    };
  } catch (error) {
    await outbox.close();
    await bus.close();
    await orm.close(true);
    throw error;
  }
}

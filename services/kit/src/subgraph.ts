import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntitySchema, MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { databaseUrl, ensureDatabase } from './database';
import { createErrorMasker } from './errors';
import { createEventBus, type EventBus } from './event-bus';
import { hubAuthChecker } from './authorization';
import { installJsonErrorHandler, jsonBodyParser, requestErrorBody } from './http';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type Caller } from './identity';
import { createLogger, type Logger, type LogLevel } from './logger';
import { createPeerDirectory, type PeerDirectory } from './peers';
import { initOrm, migrateAndSeed, type Seed } from './orm';
import { buildFederatedSchema, type ReferenceResolvers } from './schema';
import { countSqlStatements, currentSqlStatementTally } from './sql-statements';
import { UNUSED_PUBSUB } from './subscriptions';
import { writePatternMigrations } from './writes';

/** What every resolver receives: a request-scoped entity manager, fresh DataLoaders and a logger. */
export interface SubgraphContext<TLoaders> {
  requestId: string;
  /** Who is calling, as verified by the gateway (anonymous callers have no subject). */
  caller: Caller;
  em: EntityManager;
  loaders: TLoaders;
  logger: Logger;
  /** Other subgraphs this one may ask (`SubgraphConfig.peers`); one directory, and cache, per process. */
  peers: PeerDirectory;
  /** The event bus: `performWrite` publishes a write's domain events here after commit. */
  bus: EventBus;
  /**
   * Subscriptions only (graphql-ws): opens a fresh `em` and `loaders` before each event is resolved, so a
   * long-lived subscription never serves what an earlier event cached (see `busSubscription`).
   */
  renewScope?: () => void;
}

/** Everything that makes one subgraph; the kit does the rest. */
export interface SubgraphDefinition<TLoaders> {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: Array<(abstract new (...args: any[]) => unknown) | EntitySchema<any>>;
  migrations: MigrationObject[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  createLoaders(em: EntityManager): TLoaders;
  seeds?: Seed[];
}

/** Largest graphql-ws message a subgraph accepts (subscribe messages from the gateway are small). */
export const SUBGRAPH_WS_MAX_PAYLOAD_BYTES = 256 * 1024;

/** Typed configuration of one subgraph process (see `subgraphEnvSchema`). */
export interface SubgraphConfig {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** URL of the PostgreSQL server; the subgraph creates and uses its own database there. */
  databaseServerUrl: string;
  /** Defaults to `hub_<name>`. */
  databaseName?: string;
  /** Key shared only with the gateway; requests without an internal token signed with it are refused. */
  internalTokenSecret: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Adds `extensions.sqlStatements` to responses: for tests and benchmarks, never in production. */
  exposeSqlStatementCount?: boolean;
  /** GraphQL URLs of other subgraphs by name (e.g. `{ regions: 'http://…/graphql' }`), for `context.peers`. */
  peers?: Record<string, string>;
  /** Redis for the event bus; without it the bus is LISTEN/NOTIFY on the subgraph's own database. */
  redisUrl?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM<PostgreSqlDriver>;
  schema: GraphQLSchema;
  /** The bus the subgraph publishes its domain events on (and its subscriptions listen to). */
  bus: EventBus;
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

/** Builds the federated schema of a subgraph definition (also used to emit `schema.graphql`). */
/** The subgraph SDL as the gateway sees it through `_service { sdl }`, as committed in `schema.graphql`. */
export async function subgraphSdl<T>(definition: SubgraphDefinition<T>): Promise<string> {
  return `${printSubgraphSchema(await buildSubgraphSchemaFor(definition)).trimEnd()}\n`;
}

/** Writes the subgraph SDL to `outFile` (the committed `schema.graphql`). */
export async function emitSubgraphSchema<T>(
  definition: SubgraphDefinition<T>,
  outFile: string,
): Promise<void> {
  await writeFile(outFile, await subgraphSdl(definition), 'utf8');
}

export function buildSubgraphSchemaFor<T>(definition: SubgraphDefinition<T>): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.referenceResolvers,
    authChecker: hubAuthChecker,
    pubSub: UNUSED_PUBSUB,
    // class-validator on every input and argument class (off by default in type-graphql 2).
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
}

/**
 * Creates the subgraph's database when missing, opens the ORM on it, applies the kit's and the subgraph's
 * migrations and runs first-start seeds. Used by `startSubgraph` and by command-line tools (importers) that
 * write to a subgraph's database.
 */
export async function openSubgraphDatabase<T>(
  definition: SubgraphDefinition<T>,
  config: Pick<SubgraphConfig, 'databaseServerUrl' | 'databaseName'>,
  logger: Logger,
  onStatement?: () => void,
): Promise<{ orm: MikroORM<PostgreSqlDriver>; clientUrl: string }> {
  const databaseName = config.databaseName ?? `hub_${definition.name}`;
  await ensureDatabase(config.databaseServerUrl, databaseName);
  const clientUrl = databaseUrl(config.databaseServerUrl, databaseName);
  const orm = await initOrm({
    clientUrl,
    entities: definition.entities,
    migrations: [...writePatternMigrations, ...definition.migrations],
    logger,
    onStatement,
  });
  try {
    await migrateAndSeed(orm, clientUrl, definition.seeds ?? [], logger);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return { orm, clientUrl };
}

/**
 * Starts a subgraph: creates its database if needed, applies migrations, runs first-start seeds, builds the
 * federated schema and serves it on `/graphql` with `/health/live` and `/health/ready`.
 */
export async function startSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  config: SubgraphConfig,
): Promise<RunningSubgraph> {
  const logger = config.logger ?? createLogger(definition.name, config.logLevel);
  let statementsSent = 0;
  const { orm, clientUrl } = await openSubgraphDatabase(definition, config, logger, () => {
    statementsSent += 1;
  });
  let bus: EventBus;
  try {
    bus = await createEventBus({
      databaseUrl: clientUrl,
      databaseName: config.databaseName ?? `hub_${definition.name}`,
      redisUrl: config.redisUrl,
      logger,
    });
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  try {
    const schema = await buildSubgraphSchemaFor(definition);
    const peers = createPeerDirectory({
      peers: config.peers ?? {},
      internalTokenSecret: config.internalTokenSecret,
    });
    /** A request's context: a fresh entity manager and DataLoaders, the verified caller, shared services. */
    const requestContext = (caller: Caller): SubgraphContext<TLoaders> => {
      const em = orm.em.fork();
      return {
        requestId: randomUUID(),
        caller,
        em,
        loaders: definition.createLoaders(em),
        logger,
        peers,
        bus,
      };
    };
    const app = express();
    app.disable('x-powered-by');
    const httpServer: Server = createServer(app);
    const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
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
        ApolloServerPluginInlineTraceDisabled(),
        ...(config.exposeSqlStatementCount ? [sqlStatementCountPlugin] : []),
      ],
    });
    await apollo.start();

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
      (req, res, next) => {
        countSqlStatements(() => next());
      },
      async (req, res, next) => {
        try {
          res.locals.caller = await verifyInternalToken(
            req.header(INTERNAL_TOKEN_HEADER),
            config.internalTokenSecret,
          );
          next();
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Unauthenticated';
          res.status(401).json(requestErrorBody(message, 'UNAUTHENTICATED'));
        }
      },
      jsonBodyParser(),
      expressMiddleware(apollo, {
        context: async ({ res }) => requestContext(res.locals.caller as Caller),
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
              config.internalTokenSecret,
            );
            return true;
          } catch {
            return false; // graphql-ws closes with 4403 Forbidden
          }
        },
        context: (ctx) => {
          const context = requestContext(ctx.extra.caller!);
          context.renewScope = () => {
            context.em = orm.em.fork();
            context.loaders = definition.createLoaders(context.em);
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
      sqlStatementsSent: () => statementsSent,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Open subscriptions end with 1001 (Going Away) before the HTTP server drains.
        await webSocketServer.dispose();
        await new Promise<void>((resolve) => webSockets.close(() => resolve()));
        await apollo.stop();
        await bus.close();
        await orm.close(true);
        logger.info('subgraph stopped');
      },
    };
  } catch (error) {
    await bus.close();
    await orm.close(true);
    throw error;
  }
}

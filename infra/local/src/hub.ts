import path from 'node:path';
import { OPERATIONS_DIR } from '@hub/codegen';
import {
  createGatewayServer,
  gatewayConfig,
  loadExampleOperations,
  readErrorExtensions,
  type GatewayConfig,
  type GatewayConfigInput,
  type ResponseCacheSettings,
  type RunningGateway,
  type SubscriptionSettings,
} from '@hub/gateway';
import {
  createLogger,
  databaseUrl,
  generateInternalKeyPair,
  parsePrivateKey,
  parsePublicKeys,
  startEmbeddedPostgres,
  startSubgraph,
  type DestinationStream,
  type Logger,
  type LogLevel,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphInternalKeys,
} from '@hub/kit';
import {
  ERROR_EXTENSIONS_FILE,
  readSubgraphList,
  readSupergraph,
  startOrder,
  type SubgraphEntry,
} from '@hub/schema';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, loadLocalSecrets, type HubSecrets } from './secrets';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySubgraphDefinition = SubgraphDefinition<any>;

/** A subgraph of schema/subgraphs.json with the definition its package exports. */
export interface HubSubgraph {
  entry: SubgraphEntry;
  definition: AnySubgraphDefinition;
}

/**
 * Every subgraph of schema/subgraphs.json (the only list), in start order: each after the peers it checks
 * keys against. The definition is the `subgraph` its package (`entry.package`) exports.
 */
export function loadHubSubgraphs(entries: SubgraphEntry[] = readSubgraphList()): HubSubgraph[] {
  return startOrder(entries).map((entry) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { subgraph: definition } = require(entry.package) as { subgraph?: AnySubgraphDefinition };
    if (!definition || definition.name !== entry.name) {
      throw new Error(
        `${entry.package} must export \`subgraph\` (its defineSubgraph definition) named "${entry.name}", as listed in schema/subgraphs.json`,
      );
    }
    return { entry, definition };
  });
}

/** The subgraphs the hub runs, in start order (see `loadHubSubgraphs`). */
export const HUB_SUBGRAPHS: AnySubgraphDefinition[] = loadHubSubgraphs().map(({ definition }) => definition);

/** The repository root (infra/local/{src,dist} → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The git-ignored folder for local state: the embedded database's files and the local secrets. */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');

export interface HubOptions {
  /** A PostgreSQL server to use; without one an embedded server runs with its files in `dataDir`. */
  databaseServerUrl?: string;
  /** Folder for local state: `postgres/` (embedded server) and `secrets.json` (git-ignored `.data/` by default). */
  dataDir?: string;
  /** Token keys; default: from the environment or `<dataDir>/secrets.json` (created on first start). */
  secrets?: HubSecrets;
  /** Gateway port (0 = any free port). */
  port?: number;
  host?: string;
  /** Database names become `<prefix>_<subgraph>` (default `hub`: hub_regions …). */
  databasePrefix?: string;
  logLevel?: LogLevel;
  /** Where the log lines of every service go (default stdout), e.g. a stream a test reads. */
  logDestination?: DestinationStream;
  /** Adds `extensions.sqlStatements` to subgraph responses (tests, benchmarks). */
  exposeSqlStatementCount?: boolean;
  /** Origins of partner sites whose pages may call the hub (embedded widgets, dashboards); default none. */
  corsOrigins?: string[];
  /** The gateway's cache of anonymous responses, emptied by writes (`npm start` turns it on); default off. */
  responseCache?: ResponseCacheSettings;
  /** The gateway's subscription settings over the defaults (e.g. how long SSE groups linger, for tests). */
  subscriptions?: Partial<SubscriptionSettings>;
  /**
   * False: the databases are already created, migrated and seeded (a replica of several, see processes.ts, whose
   * primary did that once); each subgraph then refuses to start while migrations are pending. Default true.
   */
  migrateOnStart?: boolean;
  /**
   * Redis for the subgraphs' event buses and the response cache (entries, invalidations, domain events), for
   * replicas in several processes; without it the buses are LISTEN/NOTIFY on each subgraph's database.
   */
  redisUrl?: string;
  /** Fields added to every log line of every service, e.g. which process of several wrote it. */
  logBindings?: Record<string, unknown>;
}

export interface RunningHub {
  /** Gateway GraphQL endpoint. */
  url: string;
  playgroundUrl: string;
  databaseServerUrl: string;
  secrets: HubSecrets;
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  /**
   * Stops one subgraph (fault tests: the gateway must serve what the others own); `restart()` starts it again
   * on the same port and database, and puts it in `subgraphs`.
   */
  stopSubgraph(name: string): Promise<{ restart(): Promise<RunningSubgraph> }>;
  /** Stops the gateway, the subgraphs and the embedded database (if any), in that order. */
  stop(): Promise<void>;
}

/**
 * The configuration of a gateway in front of the hub's running subgraphs: the committed supergraph and error
 * extensions, the subgraphs' actual URLs, local tokens; `overrides` for the rest. `startHub` starts one; a
 * benchmark or a test starts a second replica on the same subgraphs with it.
 */
export function hubGatewayConfig(
  subgraphs: Record<string, Pick<RunningSubgraph, 'name' | 'url'>>,
  secrets: HubSecrets,
  overrides: Partial<GatewayConfigInput> = {},
): GatewayConfig {
  return gatewayConfig({
    supergraphSdl: readSupergraph(),
    errorExtensions: readErrorExtensions(ERROR_EXTENSIONS_FILE),
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
    auth: {
      mode: 'hs256',
      secret: secrets.jwtSecret,
      issuer: LOCAL_TOKEN_ISSUER,
      audience: LOCAL_TOKEN_AUDIENCE,
    },
    internalSigningKey: parsePrivateKey(secrets.gatewayKeys.privateKey),
    ...overrides,
  });
}

/**
 * A subgraph's internal keys as deployed: the gateway's public key, its own private key (peer calls), and the
 * public keys of the subgraphs that list it as a peer in schema/subgraphs.json (only they may call it).
 * Subgraphs without a key pair in `secrets` get one (kept in `secrets` for the restarts of this run).
 */
export function internalKeysOf(
  name: string,
  hubSubgraphs: readonly HubSubgraph[],
  secrets: HubSecrets,
): SubgraphInternalKeys {
  const pairOf = (subgraph: string) => (secrets.subgraphKeys[subgraph] ??= generateInternalKeyPair());
  const callers = hubSubgraphs
    .filter(({ entry }) => entry.peers.includes(name))
    .map(({ entry }) => entry.name);
  return {
    gatewayKeys: parsePublicKeys(secrets.gatewayKeys.publicKey),
    signingKey: parsePrivateKey(pairOf(name).privateKey),
    peerKeys: Object.fromEntries(
      callers.map((caller) => [caller, parsePublicKeys(pairOf(caller).publicKey)]),
    ),
  };
}

/** The database of `subgraph` in a hub whose databases are named `<prefix>_<subgraph>` (hub_regions …). */
export function hubDatabaseName(prefix: string, subgraph: string): string {
  return `${prefix}_${subgraph}`;
}

/**
 * What to stop, pushed as things start, and the function that stops them in reverse order (the last started
 * first), logging what fails to stop rather than leaving the rest running. Used again after a failed start.
 */
export function stopStack(logger: Logger): {
  stops: Array<() => Promise<void>>;
  stopAll: () => Promise<void>;
} {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.warn({ err: error }, 'error while stopping');
      }
    }
    stops.length = 0;
  };
  return { stops, stopAll };
}

/**
 * The PostgreSQL server the hub uses: `given`, else an embedded one with its files in `<dataDir>/postgres`
 * (kept between runs). The embedded server's stop goes on `stops` first, so that it runs last, when every
 * subgraph (or replica) has closed its buses and pools.
 */
export async function hubDatabaseServer(
  given: string | undefined,
  dataDir: string,
  logger: Logger,
  stops: Array<() => Promise<void>>,
): Promise<string> {
  if (given) return given;
  const postgresDir = path.join(dataDir, 'postgres');
  logger.info({ dataDir: postgresDir }, 'starting embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: true });
  stops.push(async () => {
    await embedded.stop();
    logger.debug('embedded PostgreSQL stopped');
  });
  return embedded.url;
}

/**
 * Runs the whole hub in this process: PostgreSQL (given or embedded), every subgraph (each creates, migrates
 * and on first start seeds its own database), and the gateway on the committed supergraph with the
 * subgraphs' actual URLs.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const logLevel = options.logLevel ?? 'info';
  const loggerOf = (service: string) => {
    const logger = createLogger(service, logLevel, options.logDestination);
    return options.logBindings ? logger.child(options.logBindings) : logger;
  };
  const logger = loggerOf('hub');
  const { stops, stopAll } = stopStack(logger);
  try {
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    const hubSubgraphs = loadHubSubgraphs();
    const secrets =
      options.secrets ??
      loadLocalSecrets(
        dataDir,
        process.env,
        hubSubgraphs.map(({ definition }) => definition.name),
      );
    const databaseServerUrl = await hubDatabaseServer(options.databaseServerUrl, dataDir, logger, stops);
    const serverUrl = databaseServerUrl;
    const databasePrefix = options.databasePrefix ?? 'hub';
    const databaseNameOf = (subgraph: string) => hubDatabaseName(databasePrefix, subgraph);
    const { redisUrl } = options;
    const subgraphs: Record<string, RunningSubgraph> = {};
    const starters: Record<string, (port: number) => Promise<RunningSubgraph>> = {};
    for (const { entry, definition } of hubSubgraphs) {
      const start = (port: number) =>
        startSubgraph(definition, {
          port,
          host: '127.0.0.1',
          databaseServerUrl: serverUrl,
          databaseName: databaseNameOf(definition.name),
          migrateOnStart: options.migrateOnStart,
          redisUrl,
          internalKeys: internalKeysOf(definition.name, hubSubgraphs, secrets),
          logger: loggerOf(definition.name),
          exposeSqlStatementCount: options.exposeSqlStatementCount,
          // The peers it declares in schema/subgraphs.json, started before it (start order).
          peers: Object.fromEntries(entry.peers.map((peer) => [peer, subgraphs[peer]!.url])),
        });
      starters[definition.name] = start;
      subgraphs[definition.name] = await start(0);
      // the instance running then (a restarted one, see stopSubgraph)
      stops.push(() => subgraphs[definition.name]!.stop());
    }
    const gateway = await createGatewayServer(
      hubGatewayConfig(subgraphs, secrets, {
        port: options.port ?? 0,
        host: options.host ?? '127.0.0.1',
        logLevel,
        logger: loggerOf('gateway'),
        playground: { exampleOperations: loadExampleOperations(OPERATIONS_DIR) },
        corsOrigins: options.corsOrigins,
        // the cache hears the subgraphs' domain events (LISTEN/NOTIFY on each subgraph's database, or Redis in
        // the bus's namespace, as their buses publish them), so a write that does not pass through this gateway
        // evicts it too; with Redis, the replicas also share entries and tell each other of their writes
        ...(options.responseCache
          ? {
              responseCache: {
                domainEvents: hubSubgraphs.map(({ definition }) =>
                  redisUrl
                    ? { subgraph: definition.name, redisUrl, namespace: databaseNameOf(definition.name) }
                    : {
                        subgraph: definition.name,
                        postgresUrl: databaseUrl(serverUrl, databaseNameOf(definition.name)),
                      },
                ),
                ...(redisUrl ? { redisUrl, namespace: `${databasePrefix}_gateway` } : {}),
                ...options.responseCache,
              },
            }
          : {}),
        ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
      }),
    );
    stops.push(gateway.stop);
    return {
      url: gateway.url,
      playgroundUrl: gateway.url.replace(/\/graphql$/, '/playground'),
      databaseServerUrl,
      secrets,
      gateway,
      subgraphs,
      async stopSubgraph(name) {
        const running = subgraphs[name];
        const start = starters[name];
        if (!running || !start) throw new Error(`No subgraph named ${name}`);
        await running.stop();
        return {
          restart: async () => (subgraphs[name] = await start(running.port)),
        };
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

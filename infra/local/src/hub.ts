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
} from '@hub/gateway';
import {
  createLogger,
  startEmbeddedPostgres,
  startSubgraph,
  type DestinationStream,
  type LogLevel,
  type RunningSubgraph,
  type SubgraphDefinition,
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
}

export interface RunningHub {
  /** Gateway GraphQL endpoint. */
  url: string;
  playgroundUrl: string;
  databaseServerUrl: string;
  secrets: HubSecrets;
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
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
    internalTokenSecret: secrets.internalTokenSecret,
    ...overrides,
  });
}

/**
 * Runs the whole hub in this process: PostgreSQL (given or embedded), every subgraph (each creates, migrates
 * and on first start seeds its own database), and the gateway on the committed supergraph with the
 * subgraphs' actual URLs.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const logLevel = options.logLevel ?? 'info';
  const logger = createLogger('hub', logLevel, options.logDestination);
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
  try {
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    const secrets = options.secrets ?? loadLocalSecrets(dataDir);
    let databaseServerUrl = options.databaseServerUrl;
    if (!databaseServerUrl) {
      const postgresDir = path.join(dataDir, 'postgres');
      logger.info({ dataDir: postgresDir }, 'starting embedded PostgreSQL');
      const embedded = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: true });
      // last to stop: every subgraph has closed its bus and its pool by then
      stops.push(async () => {
        await embedded.stop();
        logger.debug('embedded PostgreSQL stopped');
      });
      databaseServerUrl = embedded.url;
    }
    const subgraphs: Record<string, RunningSubgraph> = {};
    for (const { entry, definition } of loadHubSubgraphs()) {
      const subgraph = await startSubgraph(definition, {
        port: 0,
        host: '127.0.0.1',
        databaseServerUrl,
        databaseName: `${options.databasePrefix ?? 'hub'}_${definition.name}`,
        internalTokenSecret: secrets.internalTokenSecret,
        logger: createLogger(definition.name, logLevel, options.logDestination),
        exposeSqlStatementCount: options.exposeSqlStatementCount,
        // The peers it declares in schema/subgraphs.json, started before it (start order).
        peers: Object.fromEntries(entry.peers.map((peer) => [peer, subgraphs[peer]!.url])),
      });
      stops.push(subgraph.stop);
      subgraphs[definition.name] = subgraph;
    }
    const gateway = await createGatewayServer(
      hubGatewayConfig(subgraphs, secrets, {
        port: options.port ?? 0,
        host: options.host ?? '127.0.0.1',
        logLevel,
        logger: createLogger('gateway', logLevel, options.logDestination),
        playground: { exampleOperations: loadExampleOperations(OPERATIONS_DIR) },
        corsOrigins: options.corsOrigins,
        ...(options.responseCache ? { responseCache: options.responseCache } : {}),
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
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

import path from 'node:path';
import { OPERATIONS_DIR } from '@hub/codegen';
import { createGatewayServer, gatewayConfig, loadExampleOperations, type RunningGateway } from '@hub/gateway';
import {
  createLogger,
  startEmbeddedPostgres,
  startSubgraph,
  type LogLevel,
  type RunningSubgraph,
  type SubgraphDefinition,
} from '@hub/kit';
import { eventsSubgraph } from '@hub/events';
import { forumSubgraph } from '@hub/forum';
import { indicatorsSubgraph } from '@hub/indicators';
import { regionsSubgraph } from '@hub/regions';
import { readSupergraph } from '@hub/schema';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, loadLocalSecrets, type HubSecrets } from './secrets';

/**
 * Every subgraph the hub runs, in start order: each gets the URLs of those before it as `peers` (all check
 * regions, forum also checks events). Add a new subgraph here and in schema/subgraphs.json.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const HUB_SUBGRAPHS: Array<SubgraphDefinition<any>> = [
  regionsSubgraph,
  eventsSubgraph,
  forumSubgraph,
  indicatorsSubgraph,
];

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
  /** Adds `extensions.sqlStatements` to subgraph responses (tests, benchmarks). */
  exposeSqlStatementCount?: boolean;
  /** Origins of partner sites whose pages may call the hub (embedded widgets, dashboards); default none. */
  corsOrigins?: string[];
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
 * Runs the whole hub in this process: PostgreSQL (given or embedded), every subgraph (each creates, migrates
 * and on first start seeds its own database), and the gateway on the committed supergraph with the
 * subgraphs' actual URLs.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const logLevel = options.logLevel ?? 'info';
  const logger = createLogger('hub', logLevel);
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
      stops.push(embedded.stop);
      databaseServerUrl = embedded.url;
    }
    const subgraphs: Record<string, RunningSubgraph> = {};
    for (const definition of HUB_SUBGRAPHS) {
      const subgraph = await startSubgraph(definition, {
        port: 0,
        host: '127.0.0.1',
        databaseServerUrl,
        databaseName: `${options.databasePrefix ?? 'hub'}_${definition.name}`,
        internalTokenSecret: secrets.internalTokenSecret,
        logLevel,
        exposeSqlStatementCount: options.exposeSqlStatementCount,
        // Subgraphs started earlier (regions first) are peers of the later ones, e.g. for key checks.
        peers: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
      });
      stops.push(subgraph.stop);
      subgraphs[definition.name] = subgraph;
    }
    const gateway = await createGatewayServer(
      gatewayConfig({
        supergraphSdl: readSupergraph(),
        subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
        port: options.port ?? 0,
        host: options.host ?? '127.0.0.1',
        logLevel,
        playground: { exampleOperations: loadExampleOperations(OPERATIONS_DIR) },
        corsOrigins: options.corsOrigins,
        auth: {
          mode: 'hs256',
          secret: secrets.jwtSecret,
          issuer: LOCAL_TOKEN_ISSUER,
          audience: LOCAL_TOKEN_AUDIENCE,
        },
        internalTokenSecret: secrets.internalTokenSecret,
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

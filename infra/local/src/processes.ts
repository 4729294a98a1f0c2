import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createLogger, openSubgraphDatabase, type Logger, type LogLevel } from '@hub/kit';
import { DEFAULT_DATA_DIR, hubDatabaseName, hubDatabaseServer, loadHubSubgraphs, stopStack } from './hub';
import { loadLocalSecrets, type HubSecrets } from './secrets';

/**
 * Several processes for one hub (`HUB_PROCESSES`), on one machine.
 *
 * The primary (this module) runs no GraphQL: it starts the embedded PostgreSQL when no server is given, creates,
 * migrates and seeds every subgraph's database once, then starts N replica processes (replica.ts). A replica is
 * the whole hub — the gateway and every subgraph, each on a free port of 127.0.0.1 — without migrations, like a
 * pod of a deployment; its gateway calls its own subgraphs. The primary owns the public port and hands each
 * client connection (HTTP, WebSocket) to the next ready replica, round robin, as `node:cluster` does.
 *
 * Why not `node:cluster` itself: in a cluster worker every `listen()` is shared with the other workers by
 * address, port and call order, so the subgraphs' own ports (port 0) would be shared too and a gateway's call
 * would land on any replica's subgraph. With plain child processes each replica's ports are its own, the
 * gateway → subgraph calls stay on loopback in one replica, and only the public port is shared. Why one
 * process per replica rather than one per service and replica: N processes instead of N × 9 (each loads the
 * GraphQL stack, about 150 MB), and no hop through the primary for the gateway's calls to subgraphs.
 *
 * Replicas meet only where separate deployments meet: in PostgreSQL (each subgraph's outbox and LISTEN/NOTIFY
 * bus) and, with `REDIS_URL`, in Redis (buses, response cache entries and invalidations). A subscription on one
 * replica hears a write made on another through its subgraph's bus; a replica's response cache hears the
 * subgraphs' domain events on the same buses. A replica that dies is started again (after 1 s, doubling up to
 * 30 s while it keeps dying within a minute); SIGINT/SIGTERM stop the replicas (each stops in order: gateway,
 * subgraphs, buses, pools), then the embedded PostgreSQL.
 */

/** `HUB_PROCESSES` as a number: `auto` is one process per CPU Node.js may use. */
export function hubProcessCount(setting: string): number {
  return setting === 'auto' ? availableParallelism() : Number(setting);
}

/** What the primary tells a replica when it starts (over the IPC channel: no secret in the environment). */
export interface ReplicaSettings {
  /** 1 … N, in log lines (`process: "replica 2"`). */
  replica: number;
  databaseServerUrl: string;
  databasePrefix: string;
  secrets: HubSecrets;
}

/** Messages between the primary and a replica. */
export type PrimaryMessage =
  | { type: 'start'; settings: ReplicaSettings }
  /** A client's connection (the handle sent with the message), for the replica's gateway. */
  | { type: 'connection' }
  | { type: 'stop' };
export type ReplicaMessage = { type: 'ready'; url: string; pid: number };

/** The built replica entry point (from src/ under a test runner as well as from dist/). */
const REPLICA_ENTRY = path.resolve(__dirname, '../dist/replica.js');

/** How long a replica may take to stop before it is killed. */
const STOP_TIMEOUT_MS = 30_000;
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A replica that ran this long before dying is restarted after the shortest delay again. */
const STABLE_AFTER_MS = 60_000;

export interface ReplicatedHubOptions {
  processes: number;
  /** A PostgreSQL server to use; without one an embedded server runs with its files in `dataDir`. */
  databaseServerUrl?: string;
  dataDir?: string;
  databasePrefix?: string;
  /** The public port (0 = any free port) and host, shared by the replicas' gateways. */
  port: number;
  host: string;
  logLevel: LogLevel;
}

export interface ReplicatedHub {
  /** The public GraphQL endpoint: connections go to the replicas in turn. */
  url: string;
  playgroundUrl: string;
  /** Each running replica's own gateway endpoint (on 127.0.0.1) and process id, by replica number. */
  replicas(): Array<{ replica: number; url: string; pid: number }>;
  stop(): Promise<void>;
}

interface Replica {
  number: number;
  child: ChildProcess;
  startedAt: number;
  /** Set once its gateway serves. */
  ready?: { url: string; pid: number };
}

/** Starts the primary: database, migrations, the public port and `options.processes` replicas. */
export async function startReplicatedHub(options: ReplicatedHubOptions): Promise<ReplicatedHub> {
  const bindings = { process: 'primary', pid: process.pid };
  const logger = createLogger('hub', options.logLevel).child(bindings);
  const { stops, stopAll } = stopStack(logger);
  try {
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    const databasePrefix = options.databasePrefix ?? 'hub';
    const hubSubgraphs = loadHubSubgraphs();
    // every subgraph's key pair is in the file before a replica starts, so all replicas hold the same keys
    const secrets = loadLocalSecrets(
      dataDir,
      process.env,
      hubSubgraphs.map(({ definition }) => definition.name),
    );
    const databaseServerUrl = await hubDatabaseServer(options.databaseServerUrl, dataDir, logger, stops);
    // once, here: N replicas migrating at once would only wait for each other's migration lock
    for (const { definition } of hubSubgraphs) {
      const { orm } = await openSubgraphDatabase(
        definition,
        { databaseServerUrl, databaseName: hubDatabaseName(databasePrefix, definition.name) },
        createLogger(definition.name, options.logLevel).child(bindings),
      );
      await orm.close(true);
    }
    const settingsOf = (replica: number): ReplicaSettings => ({
      replica,
      databaseServerUrl,
      databasePrefix,
      secrets,
    });

    const pool = startReplicas(options.processes, settingsOf, logger);
    stops.push(pool.stop);
    await pool.allReady;
    const publicServer = await listenPublicly(options.port, options.host, (socket) => pool.hand(socket));
    stops.push(
      () => new Promise<void>((resolve) => publicServer.close(() => resolve())), // no new clients first
    );
    const { port } = publicServer.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    const url = `http://${host}:${port}/graphql`;
    logger.info({ url, processes: options.processes }, 'hub listening');
    return {
      url,
      playgroundUrl: url.replace(/\/graphql$/, '/playground'),
      replicas: pool.running,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The public port: connections arrive paused and are handed on before anything is read from them. */
function listenPublicly(port: number, host: string, onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createServer({ pauseOnConnect: true }, onConnection);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Starts `count` replicas and keeps them running. `allReady` settles when each has started once (or fails when
 * one exits before it serves: a replica that cannot start would not start on a retry either).
 */
function startReplicas(count: number, settingsOf: (replica: number) => ReplicaSettings, logger: Logger) {
  const replicas = new Map<number, Replica>();
  const restartTimers = new Set<NodeJS.Timeout>();
  const delays = new Map<number, number>();
  let stopping = false;
  let turn = 0;
  let firstStart: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const allReady = new Promise<void>((resolve, reject) => (firstStart = { resolve, reject }));

  const start = (number: number) => {
    // inherited stdout/stderr: each replica writes its own log lines, marked with its number and pid
    const child = fork(REPLICA_ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const replica: Replica = { number, child, startedAt: Date.now() };
    replicas.set(number, replica);
    child.on('message', (message: ReplicaMessage) => {
      if (message.type !== 'ready') return;
      replica.ready = { url: message.url, pid: message.pid };
      logger.info({ replica: number, replicaPid: message.pid, url: message.url }, 'replica serving');
      if ([...replicas.values()].every((each) => each.ready)) firstStart?.resolve();
    });
    // an IPC error (the replica died while a connection was on its way) shows as the exit below
    child.on('error', (error) => logger.debug({ err: error, replica: number }, 'replica channel error'));
    child.once('exit', (code, signal) => {
      if (replicas.get(number) === replica) replicas.delete(number);
      if (stopping) return;
      if (!replica.ready) {
        firstStart?.reject(
          new Error(`replica ${number} exited (${signal ?? `code ${code}`}) before serving`),
        );
        if (firstStart) return;
      }
      const lived = Date.now() - replica.startedAt;
      const delay = lived > STABLE_AFTER_MS ? RESTART_DELAY_MS : (delays.get(number) ?? RESTART_DELAY_MS);
      delays.set(number, Math.min(delay * 2, MAX_RESTART_DELAY_MS));
      logger.warn({ replica: number, code, signal, restartInMs: delay }, 'replica exited; starting it again');
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (!stopping) start(number);
      }, delay);
      restartTimers.add(timer);
    });
    child.send({ type: 'start', settings: settingsOf(number) } satisfies PrimaryMessage);
  };
  for (let number = 1; number <= count; number += 1) start(number);
  void allReady.then(
    () => (firstStart = undefined),
    () => (firstStart = undefined),
  );

  return {
    allReady,
    running: () =>
      [...replicas.values()]
        .filter((replica) => replica.ready)
        .map((replica) => ({ replica: replica.number, ...replica.ready! })),
    /** Gives a client's connection to the next ready replica; none ready (all restarting): it is closed. */
    hand(socket: Socket) {
      const ready = [...replicas.values()].filter((replica) => replica.ready && replica.child.connected);
      const replica = ready[turn++ % Math.max(ready.length, 1)];
      if (!replica || stopping) {
        socket.destroy();
        return;
      }
      replica.child.send(
        { type: 'connection' } satisfies PrimaryMessage,
        socket,
        { keepOpen: false },
        (error) => {
          if (error) socket.destroy();
        },
      );
    },
    /** Asks every replica to stop and waits for them (killing one that takes longer than 30 s). */
    async stop() {
      stopping = true;
      for (const timer of restartTimers) clearTimeout(timer);
      await Promise.all(
        [...replicas.values()].map(async ({ child, number }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          if (child.connected) child.send({ type: 'stop' } satisfies PrimaryMessage);
          else child.kill('SIGTERM');
          const timer = setTimeout(() => {
            logger.warn({ replica: number }, 'replica did not stop in time; killing it');
            child.kill('SIGKILL');
          }, STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }),
      );
      logger.debug('replicas stopped');
    },
  };
}

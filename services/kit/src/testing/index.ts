import type {} from 'vitest';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import path from 'node:path';
import { databaseUrl, dropDatabase, ensureDatabase } from '../data/database';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { readPeerCallers } from '../runtime/subgraphs-file';
import {
  ANONYMOUS,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  subgraphIdentity,
  type Caller,
  type InternalSigner,
} from '../writes/identity';
import {
  generateInternalKeyPair,
  parsePeerKeys,
  parsePrivateKey,
  parsePublicKeys,
} from '../writes/internal-keys';
import type { SubgraphDefinition } from '../runtime/definition';
import {
  startSubgraph,
  type RunningSubgraph,
  type SubgraphConfig,
  type SubgraphInternalKeys,
} from '../runtime/server';

export { findExecutableHtml, XSS_PAYLOADS } from './xss';
export { readExamples, runExample, type ExampleTarget, type GraphQLExample } from './examples';

/**
 * One PostgreSQL server per test run: the server in `DATABASE_URL` when set, else an embedded one in a
 * temporary folder that is deleted on stop.
 */
export async function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dataDir = path.join(tmpdir(), `hub-test-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  return startEmbeddedPostgres({ dataDir, persistent: false });
}

/** A fresh, uniquely named database for one test file; `drop()` removes it. */
export async function createTestDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `test_${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(serverUrl, name);
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

/** Sends one GraphQL request over HTTP and returns the parsed body and status. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/**
 * The internal identity of a test run: a gateway key pair (test subgraphs trust its public key) and one key
 * pair per subgraph name, made on first use; `peerKeysFor` lists the public keys a callee trusts.
 */
export const TEST_INTERNAL_KEYS = (() => {
  const gateway = generateInternalKeyPair();
  const subgraphs = new Map<string, { privateKey: string; publicKey: string }>();
  const subgraph = (name: string) => {
    let pair = subgraphs.get(name);
    if (!pair) subgraphs.set(name, (pair = generateInternalKeyPair()));
    return pair;
  };
  return {
    /** The gateway's private key (JWK), as `INTERNAL_SIGNING_KEY` of a test gateway. */
    gatewayPrivateKey: gateway.privateKey,
    /** Its public key (JWK), as `INTERNAL_VERIFY_KEYS` of test subgraphs. */
    gatewayPublicKey: gateway.publicKey,
    /** The key pair of the subgraph `name` (JWKs). */
    subgraph,
    /** `PEER_KEYS` (JSON) of a subgraph that trusts the subgraphs `callers`. */
    peerKeysFor: (callers: readonly string[]) =>
      JSON.stringify(Object.fromEntries(callers.map((name) => [name, JSON.parse(subgraph(name).publicKey)]))),
  };
})();

/** The test gateway as an internal token signer. */
export const TEST_GATEWAY_SIGNER: InternalSigner = {
  issuer: GATEWAY_ISSUER,
  privateKey: parsePrivateKey(TEST_INTERNAL_KEYS.gatewayPrivateKey),
};

/** The test subgraph `name` as the signer of its peer calls (`createPeerDirectory({ signer })`). */
export function testPeerSigner(name: string): InternalSigner {
  return {
    issuer: subgraphIdentity(name),
    privateKey: parsePrivateKey(TEST_INTERNAL_KEYS.subgraph(name).privateKey),
  };
}

/**
 * `SubgraphConfig.internalKeys` of a test subgraph `name` that trusts the test gateway and the peers `callers`
 * (default: as deployed, the subgraphs that list `name` as a peer in the nearest schema/subgraphs.json).
 */
export function testInternalKeys(
  name: string,
  callers: readonly string[] = readPeerCallers(process.cwd(), name),
): SubgraphInternalKeys {
  return {
    gatewayKeys: parsePublicKeys(TEST_INTERNAL_KEYS.gatewayPublicKey),
    signingKey: parsePrivateKey(TEST_INTERNAL_KEYS.subgraph(name).privateKey),
    ...(callers.length ? { peerKeys: parsePeerKeys(TEST_INTERNAL_KEYS.peerKeysFor(callers)) } : {}),
  };
}

/** Subgraph names of the test subgraphs this process started, by URL (for tokens to a URL). */
const testSubgraphNames = new Map<string, string>();

/**
 * The header the gateway would send for `caller` to `target`: a subgraph name, or the URL of a test subgraph
 * (or subgraph process) this test started.
 */
export async function internalTokenHeaders(
  caller: Caller = ANONYMOUS,
  target: string,
): Promise<Record<string, string>> {
  const name = testSubgraphNames.get(target) ?? (/^[a-z][a-z0-9_-]*$/.test(target) ? target : undefined);
  if (!name) throw new Error(`internalTokenHeaders: ${target} is no subgraph name or test subgraph URL`);
  return {
    [INTERNAL_TOKEN_HEADER]: await signInternalToken(caller, TEST_GATEWAY_SIGNER, subgraphIdentity(name)),
  };
}

/** A signed-in test caller. */
export function testCaller(
  organisationId: string,
  roles: Caller['roles'],
  subject = `user-${organisationId}`,
): Caller {
  return { subject, displayName: `Test ${roles.join('+')} of ${organisationId}`, organisationId, roles };
}

export interface TestSubgraph extends RunningSubgraph {
  databaseName: string;
  /** POSTs a GraphQL request to this subgraph, as the gateway would for `caller` (anonymous by default). */
  query: <TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ) => ReturnType<typeof postGraphQL<TData>>;
}

/**
 * Starts a subgraph on port 0 against a fresh database of `serverUrl` (migrations and seeds run as in
 * production), counting SQL statements per response; `stop()` also drops the database. `overrides.settings`:
 * values of the definition's settings variables (`{ FORUM_POSTS_PER_MINUTE: 3 }`).
 */
export async function startTestSubgraph<T, S>(
  definition: SubgraphDefinition<T, S>,
  serverUrl: string,
  overrides: Partial<SubgraphConfig> = {},
): Promise<TestSubgraph> {
  const db = await createTestDatabase(serverUrl, definition.name);
  let server: RunningSubgraph;
  try {
    server = await startSubgraph(definition, {
      port: 0,
      databaseServerUrl: serverUrl,
      databaseName: db.name,
      exposeSqlStatementCount: true,
      logLevel: 'warn',
      internalKeys: testInternalKeys(definition.name),
      ...overrides,
    });
    testSubgraphNames.set(server.url, definition.name);
  } catch (error) {
    await db.drop(); // e.g. a rejected setting: leave no database behind
    throw error;
  }
  return {
    ...server,
    databaseName: db.name,
    query: async (query, variables, caller = ANONYMOUS) =>
      postGraphQL(server.url, query, variables, await internalTokenHeaders(caller, definition.name)),
    async stop() {
      testSubgraphNames.delete(server.url);
      await server.stop();
      await db.drop();
    },
  };
}

/**
 * Runs SQL against a test subgraph's database through its own ORM (to check what was, or was not, written);
 * parameters are `?` placeholders. Not for tests that count the subgraph's statements.
 */
export function sqlOn<T = Record<string, unknown>>(
  subgraph: Pick<RunningSubgraph, 'orm'>,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return subgraph.orm.em.fork().execute<T[]>(text, params);
}

/** The number of rows of `table` in a test subgraph's database (through `sqlOn`). */
export async function countRowsOn(subgraph: Pick<RunningSubgraph, 'orm'>, table: string): Promise<number> {
  return Number((await sqlOn<{ n: string }>(subgraph, `SELECT count(*) AS n FROM ${table}`))[0]!.n);
}

/** A subscription opened by a test: what arrived so far, and a way to wait for the next message. */
export interface TestSubscription<TData> {
  /** Every `next` payload received, in order. */
  received: Array<{
    data?: TData | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  /** Resolves with the next payload not yet taken (in order), or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<TestSubscription<TData>['received'][number]>;
  /** Resolves with how the subscription ended: completed, an error, or the socket's close code. */
  ended: Promise<{ error?: unknown; closeCode?: number }>;
  /** Unsubscribes and closes the socket. */
  close(): Promise<void>;
}

/**
 * Opens a graphql-ws subscription on a subgraph (or the gateway: pass its URL and `connectionParams`), as the
 * gateway would for `caller` unless `connectionParams` are given.
 */
export async function subscribeForTest<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { caller?: Caller; connectionParams?: Record<string, unknown>; subgraph?: string } = {},
): Promise<TestSubscription<TData>> {
  const received: TestSubscription<TData>['received'] = [];
  let taken = 0;
  const waiters: Array<() => void> = [];
  let closeCode: number | undefined;
  const client: WsClient = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // Failures reach the subscription's sink (and `ended`); graphql-ws would also print them.
    onNonLazyError: () => undefined,
    connectionParams: async () =>
      options.connectionParams ?? (await internalTokenHeaders(options.caller, options.subgraph ?? url)),
    on: { closed: (event) => (closeCode = (event as { code?: number }).code) },
  });
  let unsubscribe = () => undefined as void;
  const ended = new Promise<{ error?: unknown; closeCode?: number }>((resolve) => {
    unsubscribe = client.subscribe<TData>(
      { query, variables },
      {
        next: (value) => {
          received.push(value as TestSubscription<TData>['received'][number]);
          waiters.splice(0).forEach((wake) => wake());
        },
        error: (error) => resolve({ error, closeCode: (error as { code?: number }).code ?? closeCode }),
        complete: () => resolve({ closeCode }),
      },
    );
  });
  return {
    received,
    ended,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= received.length) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no subscription message within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received[taken++]!;
    },
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

/**
 * Runs a subgraph as its own process (a second replica, say) on a free port with `env` on top of the test's
 * internal keys: `target` is a service folder (runs `hub-subgraph start` there, from its built code; the
 * subgraph is named after the folder) or a built script of the subgraph `name`. Resolves once it logs that it
 * listens; its URL then works as the target of `internalTokenHeaders`.
 */
export async function startSubgraphProcess(
  target: string,
  env: Record<string, string>,
  name?: string,
): Promise<{ url: string; stop(): Promise<number | null> }> {
  const mainFile = target;
  const isFolder = statSync(target).isDirectory();
  const subgraphName = name ?? (isFolder ? path.basename(target) : undefined);
  const command = isFolder
    ? // the built CLI, from dist/testing and from src/testing alike (the kit's own tests)
      [path.resolve(__dirname, '..', '..', 'dist', 'runtime', 'cli.js'), '--dir', target, 'start']
    : [target];
  const child = spawn(process.execPath, command, {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INTERNAL_VERIFY_KEYS: TEST_INTERNAL_KEYS.gatewayPublicKey,
      ...(subgraphName ? { INTERNAL_SIGNING_KEY: TEST_INTERNAL_KEYS.subgraph(subgraphName).privateKey } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mainFile} did not start:\n${output}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"(http:[^"]+)"[^\n]*"msg":"subgraph listening"/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`${mainFile} exited with ${code}:\n${output}`)));
  });
  if (subgraphName) testSubgraphNames.set(url, subgraphName);
  return {
    url,
    async stop() {
      testSubgraphNames.delete(url);
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** An error as a test sees it in a GraphQL response body. */
export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * Asserts the one BAD_USER_INPUT shape on the first error of a response: `extensions.code` is
 * `BAD_USER_INPUT`, there is no `argumentName`, and `extensions.fieldErrors` has an entry at `path` with at least
 * one message; returns that entry's messages (to match further). Throws (fails the test) naming what differs.
 */
export function expectFieldError(errors: readonly GraphQLErrorLike[] | undefined, path: string): string[] {
  const extensions = errors?.[0]?.extensions ?? {};
  const seen = JSON.stringify(errors ?? null);
  if (extensions.code !== 'BAD_USER_INPUT') {
    throw new Error(`expected a BAD_USER_INPUT error at ${path}, got ${seen}`);
  }
  if ('argumentName' in extensions) throw new Error(`unexpected extensions.argumentName in ${seen}`);
  const fieldErrors = (Array.isArray(extensions.fieldErrors) ? extensions.fieldErrors : []) as Array<{
    path: string;
    messages: string[];
  }>;
  const match = fieldErrors.find((fieldError) => fieldError.path === path);
  if (!match) throw new Error(`no fieldErrors entry at ${path} in ${JSON.stringify(fieldErrors)}`);
  if (!Array.isArray(match.messages) || match.messages.length === 0) {
    throw new Error(`the fieldErrors entry at ${path} has no messages: ${JSON.stringify(match)}`);
  }
  return match.messages;
}

/** Waits until `condition()` holds (checked every 20 ms), or fails after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

declare module 'vitest' {
  /** Values the test run's global setup provides to every test file (`inject('databaseServerUrl')`). */
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

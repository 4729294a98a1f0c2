import type {} from 'vitest';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl, dropDatabase, ensureDatabase } from './database';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ANONYMOUS, INTERNAL_TOKEN_HEADER, signInternalToken, type Caller } from './identity';
import {
  startSubgraph,
  type RunningSubgraph,
  type SubgraphConfig,
  type SubgraphDefinition,
} from './subgraph';

export { findExecutableHtml, XSS_PAYLOADS } from './xss';

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

/** The internal token secret test subgraphs and test gateways share. */
export const TEST_INTERNAL_TOKEN_SECRET = `test-internal-secret-${randomBytes(16).toString('hex')}`;

/** The header the gateway would send to a subgraph for `caller`. */
export async function internalTokenHeaders(caller: Caller = ANONYMOUS): Promise<Record<string, string>> {
  return { [INTERNAL_TOKEN_HEADER]: await signInternalToken(caller, TEST_INTERNAL_TOKEN_SECRET) };
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
 * production), counting SQL statements per response; `stop()` also drops the database.
 */
export async function startTestSubgraph<T>(
  definition: SubgraphDefinition<T>,
  serverUrl: string,
  overrides: Partial<SubgraphConfig> = {},
): Promise<TestSubgraph> {
  const db = await createTestDatabase(serverUrl, definition.name);
  const server = await startSubgraph(definition, {
    port: 0,
    databaseServerUrl: serverUrl,
    databaseName: db.name,
    exposeSqlStatementCount: true,
    logLevel: 'warn',
    internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
    ...overrides,
  });
  return {
    ...server,
    databaseName: db.name,
    query: async (query, variables, caller = ANONYMOUS) =>
      postGraphQL(server.url, query, variables, await internalTokenHeaders(caller)),
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}

declare module 'vitest' {
  /** Values the test run's global setup provides to every test file (`inject('databaseServerUrl')`). */
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

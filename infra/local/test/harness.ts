import { randomBytes } from 'node:crypto';
import {
  dropDatabase,
  GATEWAY_ISSUER,
  parsePrivateKey,
  signInternalToken,
  subgraphIdentity,
  type Caller,
} from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { inject } from 'vitest';
import { issueClientToken, type ClientTokenOptions } from '@hub/gateway';
import type { Role } from '@hub/kit';
import { HUB_SUBGRAPHS, startHub, type HubOptions, type RunningHub } from '../src/hub';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, newHubSecrets, type HubSecrets } from '../src/secrets';

export interface TestHub extends RunningHub {
  /** Sends a typed document (from @hub/codegen) or a query string through the gateway, with `token` if given. */
  query<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    token?: string,
  ): ReturnType<typeof postGraphQL<TData>>;
  /** The SQL statements each subgraph sent while `run` ran (compare a small and a large request). */
  statementsDuring(run: () => Promise<unknown>): Promise<Record<string, number>>;
  /** A client token the hub accepts, as `npm run token` issues it. */
  token(organisationId: string, roles: Role[], overrides?: Partial<ClientTokenOptions>): Promise<string>;
}

/** Fixed per test run, so tests can also sign tokens the hub must refuse. */
export const TEST_SECRETS: HubSecrets = {
  ...newHubSecrets(),
  jwtSecret: `test-jwt-secret-${randomBytes(16).toString('hex')}`,
};

/** The internal token the test hub's gateway would send to `subgraph` for `caller` (to ask a subgraph directly). */
export async function gatewayInternalToken(caller: Caller, subgraph: string): Promise<string> {
  return signInternalToken(
    caller,
    { issuer: GATEWAY_ISSUER, privateKey: parsePrivateKey(TEST_SECRETS.gatewayKeys.privateKey) },
    subgraphIdentity(subgraph),
  );
}

/**
 * The whole hub (every subgraph and the gateway) on fresh databases of the test run's PostgreSQL server, or
 * of `databaseServerUrl` (a server the test may stop and start, see faults.e2e.ts).
 */
export async function startTestHub(
  options: Pick<
    HubOptions,
    'corsOrigins' | 'responseCache' | 'logLevel' | 'logDestination' | 'databaseServerUrl' | 'subscriptions'
  > = {},
): Promise<TestHub> {
  const serverUrl = options.databaseServerUrl ?? inject('databaseServerUrl');
  const prefix = `test_hub_${randomBytes(3).toString('hex')}`;
  const hub = await startHub({
    databaseServerUrl: serverUrl,
    databasePrefix: prefix,
    logLevel: 'warn',
    secrets: TEST_SECRETS,
    ...options,
    // an SSE group ends with its last stream (tests count upstream subscriptions); replay still works while
    // another stream of the group is open
    subscriptions: { sseReplayLingerMs: 0, ...options.subscriptions },
  });
  return {
    ...hub,
    query: (document, variables, token) =>
      postGraphQL(hub.url, typeof document === 'string' ? document : print(document), variables, {
        'apollo-require-preflight': 'true',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      }),
    async statementsDuring(run) {
      const subgraphs = Object.entries(hub.subgraphs);
      const before = subgraphs.map(([, subgraph]) => subgraph.sqlStatementsSent());
      await run();
      return Object.fromEntries(
        subgraphs.map(([name, subgraph], index) => [name, subgraph.sqlStatementsSent() - before[index]!]),
      );
    },
    token: (organisationId, roles, overrides = {}) =>
      issueClientToken({
        secret: TEST_SECRETS.jwtSecret,
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_AUDIENCE,
        subject: `${organisationId}-${roles.join('-')}-test`,
        name: `Test ${roles.join('+')} of ${organisationId}`,
        organisationId,
        roles,
        ttlSeconds: 600,
        ...overrides,
      }),
    async stop() {
      await hub.stop();
      for (const definition of HUB_SUBGRAPHS) await dropDatabase(serverUrl, `${prefix}_${definition.name}`);
    },
  };
}

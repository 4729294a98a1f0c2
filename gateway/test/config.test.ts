import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, parsePrivateKey } from '@hub/kit';
import { DEFAULT_SUBGRAPH_TRANSPORT } from '../src/transport';
import {
  DEFAULT_LIMITS,
  DEFAULT_SUBSCRIPTION_SETTINGS,
  gatewayConfig,
  gatewayConfigFromEnv,
  listSubgraphs,
  resolveSubgraphUrl,
} from '../src';

const SUPERGRAPH = /* GraphQL */ `
  schema
    @link(url: "https://specs.apollo.dev/link/v1.0")
    @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) {
    query: Query
  }
  enum join__Graph {
    REGIONS @join__graph(name: "regions", url: "http://regions:4001/graphql")
    FORUM_POSTS @join__graph(name: "forum-posts", url: "http://forum:4003/graphql")
  }
  type Query {
    ping: String
  }
`;

/** Subgraphs that publish domain events (events, forum) and one that does not (regions). */
const PUBLISHING_SUPERGRAPH = SUPERGRAPH.replace(
  /enum join__Graph \{[^}]*\}/,
  `enum join__Graph {
    EVENTS @join__graph(name: "events", url: "http://events:4002/graphql")
    FORUM @join__graph(name: "forum", url: "http://forum:4003/graphql")
    REGIONS @join__graph(name: "regions", url: "http://regions:4001/graphql")
  }`,
);

/** Several operations in one file, sharing a fragment, each with a comment above it. */
const MULTI_OPERATION_FILE = `# Example operations for regions.

# One region.
query Region($code: ID!) {
  region(code: $code) {
    ...RegionFields
  }
}

# A fragment used by both.
fragment RegionFields on Region {
  code
  name
}

# Every region.
query Regions {
  regions {
    ...RegionFields
  }
}
`;

/** What `npm run generate` writes next to the supergraph. */
const ERROR_EXTENSIONS = {
  extensions: {
    currentStatus: { kind: 'string', subgraphs: ['events'] },
    fieldErrors: { kind: 'fieldErrors', subgraphs: ['events', 'regions'] },
  },
} as const;

let packageDir: string;

const INTERNAL_KEYS = generateInternalKeyPair();
/** The gateway's Ed25519 private key (a JWK), as the setting holds it. */
const INTERNAL_SIGNING_KEY = INTERNAL_KEYS.privateKey;
/** What the parsed key looks like to a matcher (a KeyObject of its own). */
const SIGNING_KEY = expect.objectContaining({ type: 'private', asymmetricKeyType: 'ed25519' });
const KEY_OBJECT = parsePrivateKey(INTERNAL_SIGNING_KEY);
const JWT_SECRET = 'client-token-secret-0123456789abcdef';
/** The variables without a default. */
const REQUIRED_ENV = { INTERNAL_SIGNING_KEY, JWT_SECRET };
const AUTH = { mode: 'hs256', secret: JWT_SECRET, issuer: 'hub-local', audience: 'hub' } as const;

beforeAll(() => {
  // a folder laid out like the repository: gateway/ next to schema/ and codegen/
  const root = mkdtempSync(path.join(tmpdir(), 'hub-gateway-config-'));
  packageDir = path.join(root, 'gateway');
  mkdirSync(packageDir);
  mkdirSync(path.join(root, 'schema'));
  writeFileSync(path.join(root, 'schema', 'supergraph.graphql'), SUPERGRAPH);
  writeFileSync(path.join(root, 'schema', 'error-extensions.json'), JSON.stringify(ERROR_EXTENSIONS));
  mkdirSync(path.join(root, 'elsewhere'));
  writeFileSync(path.join(root, 'elsewhere', 'supergraph.graphql'), SUPERGRAPH);
  writeFileSync(
    path.join(root, 'elsewhere', 'error-extensions.json'),
    JSON.stringify({ extensions: { row: { kind: 'integer', subgraphs: ['indicators'] } } }),
  );
  mkdirSync(path.join(root, 'publishing'));
  writeFileSync(path.join(root, 'publishing', 'supergraph.graphql'), PUBLISHING_SUPERGRAPH);
  writeFileSync(path.join(root, 'publishing', 'error-extensions.json'), JSON.stringify(ERROR_EXTENSIONS));
  writeFileSync(
    path.join(root, 'elsewhere', 'broken.json'),
    '{ "extensions": { "row": { "kind": "int" } } }',
  );
  mkdirSync(path.join(root, 'codegen', 'operations'), { recursive: true });
  const operations = path.join(root, 'codegen', 'operations');
  writeFileSync(path.join(operations, 'b-regions.graphql'), MULTI_OPERATION_FILE);
  writeFileSync(path.join(operations, 'b-regions.variables.json'), '{ "Region": { "code": "FRH0" } }\n');
  writeFileSync(path.join(operations, 'a-ping.graphql'), 'query Ping($x: Int) { ping }\n');
  writeFileSync(path.join(operations, 'README.md'), 'not an operation\n');
});

afterAll(() => {
  rmSync(path.dirname(packageDir), { recursive: true, force: true });
});

describe('gatewayConfigFromEnv', () => {
  it('reads the supergraph, the error extensions and the example operations with the defaults', () => {
    const config = gatewayConfigFromEnv(REQUIRED_ENV, packageDir);
    expect(config).toMatchObject({
      auth: AUTH,
      internalSigningKey: SIGNING_KEY,
      host: '0.0.0.0',
      port: 4000,
      logLevel: 'info',
      supergraphSdl: SUPERGRAPH,
      errorExtensions: ERROR_EXTENSIONS,
      limits: DEFAULT_LIMITS,
      subscriptions: { maxPerSocket: 20, maxMessageBytes: 65536, sseKeepAliveMs: 15000 },
      playground: {
        exampleOperations: [
          { name: 'Ping', query: 'query Ping($x: Int) { ping }\n' },
          {
            name: 'Region',
            query: `# One region.
query Region($code: ID!) {
  region(code: $code) {
    ...RegionFields
  }
}

# A fragment used by both.
fragment RegionFields on Region {
  code
  name
}
`,
            variables: '{\n  "code": "FRH0"\n}\n',
          },
          {
            name: 'Regions',
            query: `# Every region.
query Regions {
  regions {
    ...RegionFields
  }
}

# A fragment used by both.
fragment RegionFields on Region {
  code
  name
}
`,
          },
        ],
      },
    });
    expect(config.subgraphUrls).toBeUndefined();
    expect(config.corsOrigins).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = gatewayConfigFromEnv(
      {
        ...REQUIRED_ENV,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        MAX_DEPTH: '8',
        MAX_ALIASES: '5',
        MAX_DIRECTIVES: '3',
        MAX_TOKENS: '500',
        BODY_LIMIT: '1mb',
        MAX_SUBSCRIPTIONS_PER_SOCKET: '5',
        MAX_WS_MESSAGE_BYTES: '8192',
        SSE_KEEP_ALIVE_SECONDS: '30',
        PLAYGROUND: 'false',
        CORS_ORIGINS: 'https://cor.europa.eu, http://localhost:5173',
        SUBGRAPH_URL_REGIONS: 'http://127.0.0.1:5001/graphql',
        SUBGRAPH_URL_FORUM_POSTS: 'http://127.0.0.1:5003/graphql',
        JWT_ISSUER: 'https://id.partner.example',
        JWT_AUDIENCE: 'hub-api',
      },
      packageDir,
    );
    expect(config).toMatchObject({
      auth: { mode: 'hs256', secret: JWT_SECRET, issuer: 'https://id.partner.example', audience: 'hub-api' },
      internalSigningKey: SIGNING_KEY,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      limits: { maxDepth: 8, maxAliases: 5, maxDirectives: 3, maxTokens: 500, bodyLimit: '1mb' },
      subscriptions: { maxPerSocket: 5, maxMessageBytes: 8192, sseKeepAliveMs: 30_000 },
      playground: false,
      corsOrigins: ['https://cor.europa.eu', 'http://localhost:5173'],
      subgraphUrls: {
        regions: 'http://127.0.0.1:5001/graphql',
        forum_posts: 'http://127.0.0.1:5003/graphql',
      },
    });
    expect(listSubgraphs(config.supergraphSdl, config.subgraphUrls)).toEqual([
      { name: 'regions', url: 'http://127.0.0.1:5001/graphql' },
      { name: 'forum-posts', url: 'http://127.0.0.1:5003/graphql' },
    ]);
  });

  it('in production: no playground and no introspection unless asked, no placeholder secret, no plain-http JWKS', () => {
    const production = { ...REQUIRED_ENV, NODE_ENV: 'production' };
    const config = gatewayConfigFromEnv(production, packageDir);
    expect(config.playground).toBe(false);
    expect(config.introspection).toBe(false);
    const asked = gatewayConfigFromEnv(
      { ...production, PLAYGROUND: 'true', INTROSPECTION: 'true' },
      packageDir,
    );
    expect(asked.playground).not.toBe(false);
    expect(asked.introspection).toBe(true);
    expect(gatewayConfigFromEnv(REQUIRED_ENV, packageDir).introspection).toBe(true);
    const placeholder = 'local-only-client-token-secret-change-me-000001';
    expect(() => gatewayConfigFromEnv({ ...production, JWT_SECRET: placeholder }, packageDir)).toThrow(
      /JWT_SECRET: a placeholder/,
    );
    expect(gatewayConfigFromEnv({ ...REQUIRED_ENV, JWT_SECRET: placeholder }, packageDir).auth).toMatchObject(
      {
        mode: 'hs256',
      },
    );
    expect(() =>
      gatewayConfigFromEnv({ ...production, JWT_JWKS_URL: 'http://idp.example/jwks.json' }, packageDir),
    ).toThrow(/JWT_JWKS_URL: must be https in production/);
    expect(
      gatewayConfigFromEnv({ ...production, JWT_JWKS_URL: 'https://idp.example/jwks.json' }, packageDir).auth,
    ).toMatchObject({ mode: 'jwks' });
    // the public address of feeds' links: https in production, without a trailing slash
    expect(() =>
      gatewayConfigFromEnv({ ...production, PUBLIC_URL: 'http://hub.example.org' }, packageDir),
    ).toThrow(/PUBLIC_URL: must be https in production/);
    expect(
      gatewayConfigFromEnv({ ...production, PUBLIC_URL: 'https://hub.example.org/' }, packageDir).publicUrl,
    ).toBe('https://hub.example.org');
    expect(gatewayConfigFromEnv(REQUIRED_ENV, packageDir).publicUrl).toBeUndefined();
    expect(() =>
      gatewayConfigFromEnv({ ...REQUIRED_ENV, PUBLIC_URL: 'ftp://hub.example.org' }, packageDir),
    ).toThrow(/PUBLIC_URL/);
    // an example key (its JWK marked change-me) signs nothing in production; no key at all stops the start too
    const example = JSON.stringify({ ...JSON.parse(INTERNAL_SIGNING_KEY), kid: 'local-example-change-me' });
    expect(() => gatewayConfigFromEnv({ ...production, INTERNAL_SIGNING_KEY: example }, packageDir)).toThrow(
      /INTERNAL_SIGNING_KEY: a placeholder/,
    );
    expect(() => gatewayConfigFromEnv({ JWT_SECRET, NODE_ENV: 'production' }, packageDir)).toThrow(
      /INTERNAL_SIGNING_KEY: required/,
    );
  });

  it('reads the subgraph timeout and connection pool size', () => {
    const config = gatewayConfigFromEnv(
      { ...REQUIRED_ENV, SUBGRAPH_TIMEOUT_SECONDS: '7', SUBGRAPH_CONNECTIONS: '16' },
      packageDir,
    );
    expect(config.subgraphTransport).toEqual({
      ...DEFAULT_SUBGRAPH_TRANSPORT,
      requestTimeoutMs: 7_000,
      connectionsPerSubgraph: 16,
    });
    expect(gatewayConfigFromEnv(REQUIRED_ENV, packageDir).subgraphTransport).toEqual(
      DEFAULT_SUBGRAPH_TRANSPORT,
    );
  });

  it('turns the response cache on with REDIS_URL (auto), on for one replica (true), or off', () => {
    expect(gatewayConfigFromEnv(REQUIRED_ENV, packageDir).responseCache).toBeUndefined();
    expect(
      gatewayConfigFromEnv({ ...REQUIRED_ENV, REDIS_URL: 'redis://cache:6379' }, packageDir).responseCache,
    ).toEqual({
      ttlMs: 60_000,
      maxBytes: 64 * 1024 * 1024,
      namespace: 'hub_gateway',
      redisUrl: 'redis://cache:6379',
    });
    const single = gatewayConfigFromEnv(
      {
        ...REQUIRED_ENV,
        RESPONSE_CACHE: 'true',
        RESPONSE_CACHE_TTL_SECONDS: '5',
        RESPONSE_CACHE_MAX_MB: '8',
      },
      packageDir,
    );
    expect(single.responseCache).toEqual({
      ttlMs: 5_000,
      maxBytes: 8 * 1024 * 1024,
      namespace: 'hub_gateway',
    });
    expect(
      gatewayConfigFromEnv(
        { ...REQUIRED_ENV, RESPONSE_CACHE: 'false', REDIS_URL: 'redis://cache:6379' },
        packageDir,
      ).responseCache,
    ).toBeUndefined();
    expect(() => gatewayConfigFromEnv({ ...REQUIRED_ENV, RESPONSE_CACHE: 'yes' }, packageDir)).toThrow(
      /RESPONSE_CACHE/,
    );
  });

  it('hears every publishing subgraph on Redis (namespaces hub_<subgraph> or as set), or on its database', () => {
    const env = {
      ...REQUIRED_ENV,
      SUPERGRAPH_PATH: '../publishing/supergraph.graphql',
      REDIS_URL: 'redis://cache:6379',
    };
    // regions publishes nothing: not listed
    expect(gatewayConfigFromEnv(env, packageDir).responseCache?.domainEvents).toEqual([
      { subgraph: 'events', redisUrl: 'redis://cache:6379', namespace: 'hub_events' },
      { subgraph: 'forum', redisUrl: 'redis://cache:6379', namespace: 'hub_forum' },
    ]);
    const overridden = gatewayConfigFromEnv(
      {
        ...env,
        DOMAIN_EVENTS_NAMESPACE_EVENTS: 'hub_events_eu',
        // a subgraph left on LISTEN/NOTIFY (no REDIS_URL of its own) is heard on its database
        DOMAIN_EVENTS_DATABASE_URL_FORUM: 'postgres://hub@db:5432/hub_forum',
        DOMAIN_EVENTS_NAMESPACE_REGIONS: 'hub_regions',
      },
      packageDir,
    );
    expect(overridden.responseCache?.domainEvents).toEqual([
      { subgraph: 'events', redisUrl: 'redis://cache:6379', namespace: 'hub_events_eu' },
      { subgraph: 'forum', postgresUrl: 'postgres://hub@db:5432/hub_forum' },
    ]);
    // without Redis: the databases hub_<subgraph> of the subgraphs' server (compose), for one replica
    const single = gatewayConfigFromEnv(
      {
        ...REQUIRED_ENV,
        SUPERGRAPH_PATH: '../publishing/supergraph.graphql',
        RESPONSE_CACHE: 'true',
        DOMAIN_EVENTS_DATABASE_URL: 'postgres://hub:hub@postgres:5432/postgres',
      },
      packageDir,
    );
    expect(single.responseCache?.domainEvents).toEqual([
      { subgraph: 'events', postgresUrl: 'postgres://hub:hub@postgres:5432/hub_events' },
      { subgraph: 'forum', postgresUrl: 'postgres://hub:hub@postgres:5432/hub_forum' },
    ]);
    // nothing to hear without Redis or a database: writes through the gateway and the time to live only
    expect(
      gatewayConfigFromEnv({ ...env, REDIS_URL: undefined, RESPONSE_CACHE: 'true' }, packageDir).responseCache
        ?.domainEvents,
    ).toBeUndefined();
  });

  it('refuses event sources of subgraphs the supergraph lacks, and malformed ones', () => {
    const env = { ...REQUIRED_ENV, SUPERGRAPH_PATH: '../publishing/supergraph.graphql' };
    expect(() =>
      gatewayConfigFromEnv({ ...env, DOMAIN_EVENTS_NAMESPACE_FORUMS: 'hub_forum' }, packageDir),
    ).toThrow(/DOMAIN_EVENTS_NAMESPACE_FORUMS: the supergraph has no such subgraph/);
    expect(() =>
      gatewayConfigFromEnv({ ...env, DOMAIN_EVENTS_NAMESPACE_FORUM: 'Hub-Forum' }, packageDir),
    ).toThrow(/DOMAIN_EVENTS_NAMESPACE_FORUM/);
    expect(() =>
      gatewayConfigFromEnv({ ...env, DOMAIN_EVENTS_DATABASE_URL_FORUM: 'http://db/hub_forum' }, packageDir),
    ).toThrow(/DOMAIN_EVENTS_DATABASE_URL_FORUM/);
    expect(() =>
      gatewayConfigFromEnv({ ...env, DOMAIN_EVENTS_DATABASE_URL: 'mysql://db/x' }, packageDir),
    ).toThrow(/DOMAIN_EVENTS_DATABASE_URL/);
  });

  it('opens no tabs when the examples folder is missing', () => {
    const config = gatewayConfigFromEnv(
      { ...REQUIRED_ENV, PLAYGROUND_EXAMPLES_DIR: 'no/such/folder' },
      packageDir,
    );
    expect(config.playground).toEqual({ exampleOperations: [] });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      gatewayConfigFromEnv(
        {
          PORT: 'eighty',
          MAX_DEPTH: '0',
          MAX_SUBSCRIPTIONS_PER_SOCKET: '-1',
          PLAYGROUND: 'maybe',
          CORS_ORIGINS: 'cor.europa.eu',
        },
        packageDir,
      ),
    ).toThrow(
      /PORT[\s\S]*MAX_DEPTH[\s\S]*MAX_SUBSCRIPTIONS_PER_SOCKET[\s\S]*PLAYGROUND[\s\S]*CORS_ORIGINS[\s\S]*INTERNAL_SIGNING_KEY: required[\s\S]*JWT_SECRET: required/,
    );
    expect(() =>
      gatewayConfigFromEnv({ ...REQUIRED_ENV, SUBGRAPH_URL_REGIONS: 'not a url' }, packageDir),
    ).toThrow(/SUBGRAPH_URL_REGIONS/);
  });

  it('says which file is missing when the supergraph cannot be read', () => {
    expect(() =>
      gatewayConfigFromEnv({ ...REQUIRED_ENV, SUPERGRAPH_PATH: 'missing.graphql' }, packageDir),
    ).toThrow(/SUPERGRAPH_PATH: cannot read the supergraph .*missing\.graphql/);
  });

  it('reads the error extensions next to the supergraph, or from ERROR_EXTENSIONS_PATH', () => {
    const moved = gatewayConfigFromEnv(
      { ...REQUIRED_ENV, SUPERGRAPH_PATH: '../elsewhere/supergraph.graphql' },
      packageDir,
    );
    expect(moved.errorExtensions).toEqual({
      extensions: { row: { kind: 'integer', subgraphs: ['indicators'] } },
    });
    const explicit = gatewayConfigFromEnv(
      {
        ...REQUIRED_ENV,
        SUPERGRAPH_PATH: '../elsewhere/supergraph.graphql',
        ERROR_EXTENSIONS_PATH: '../schema/error-extensions.json',
      },
      packageDir,
    );
    expect(explicit.errorExtensions).toEqual(ERROR_EXTENSIONS);
  });

  it('refuses a missing or malformed error-extensions file, naming it', () => {
    expect(() =>
      gatewayConfigFromEnv({ ...REQUIRED_ENV, ERROR_EXTENSIONS_PATH: 'missing.json' }, packageDir),
    ).toThrow(/ERROR_EXTENSIONS_PATH: cannot read .*missing\.json/);
    expect(() =>
      gatewayConfigFromEnv(
        { ...REQUIRED_ENV, ERROR_EXTENSIONS_PATH: '../elsewhere/broken.json' },
        packageDir,
      ),
    ).toThrow(/ERROR_EXTENSIONS_PATH: .*broken\.json is not a valid declaration[\s\S]*extensions\.row\.kind/);
  });
});

describe('client token settings from the environment', () => {
  it('verifies with the JWKS when JWT_JWKS_URL is set, and needs no JWT_SECRET then', () => {
    const config = gatewayConfigFromEnv(
      { INTERNAL_SIGNING_KEY, JWT_JWKS_URL: 'https://id.partner.example/.well-known/jwks.json' },
      packageDir,
    );
    expect(config.auth).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://id.partner.example/.well-known/jwks.json',
      issuer: 'hub-local',
      audience: 'hub',
    });
  });

  it('treats an empty JWT_JWKS_URL as unset', () => {
    const config = gatewayConfigFromEnv({ ...REQUIRED_ENV, JWT_JWKS_URL: '' }, packageDir);
    expect(config.auth).toEqual(AUTH);
    expect(() => gatewayConfigFromEnv({ INTERNAL_SIGNING_KEY, JWT_JWKS_URL: '' }, packageDir)).toThrow(
      /JWT_SECRET: required unless JWT_JWKS_URL is set/,
    );
  });

  it('refuses short secrets, bad or public-only signing keys and a JWKS URL that is not http(s), without echoing the values', () => {
    const attempt = () =>
      gatewayConfigFromEnv(
        { INTERNAL_SIGNING_KEY: 'short-internal', JWT_SECRET: 'short-client' },
        packageDir,
      );
    expect(attempt).toThrow(/INTERNAL_SIGNING_KEY: private key[\s\S]*JWT_SECRET: at least 32/);
    expect(attempt).not.toThrow(/short-/);
    expect(() =>
      gatewayConfigFromEnv({ INTERNAL_SIGNING_KEY: INTERNAL_KEYS.publicKey, JWT_SECRET }, packageDir),
    ).toThrow(/INTERNAL_SIGNING_KEY/);
    expect(() =>
      gatewayConfigFromEnv({ INTERNAL_SIGNING_KEY, JWT_JWKS_URL: 'ftp://id.example/jwks' }, packageDir),
    ).toThrow(/JWT_JWKS_URL/);
  });

  it('reads the signing key as JWK or PKCS#8 PEM, the same key either way', () => {
    const fromJwk = gatewayConfigFromEnv(REQUIRED_ENV, packageDir).internalSigningKey;
    const pem = fromJwk.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = gatewayConfigFromEnv({ ...REQUIRED_ENV, INTERNAL_SIGNING_KEY: pem }, packageDir);
    expect(fromPem.internalSigningKey.equals(fromJwk)).toBe(true);
  });
});

describe('gatewayConfig', () => {
  it('fills the defaults around what it is given', () => {
    expect(
      gatewayConfig({
        supergraphSdl: SUPERGRAPH,
        errorExtensions: ERROR_EXTENSIONS,
        limits: { maxDepth: 5 },
        auth: AUTH,
        internalSigningKey: KEY_OBJECT,
      }),
    ).toEqual({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'info',
      introspection: true,
      playground: true,
      supergraphSdl: SUPERGRAPH,
      errorExtensions: ERROR_EXTENSIONS,
      limits: { ...DEFAULT_LIMITS, maxDepth: 5 },
      subscriptions: DEFAULT_SUBSCRIPTION_SETTINGS,
      subgraphTransport: DEFAULT_SUBGRAPH_TRANSPORT,
      auth: AUTH,
      internalSigningKey: KEY_OBJECT,
    });
  });
});

describe('subgraph URL overrides', () => {
  it('match subgraph names case-insensitively, with - and _ alike', () => {
    expect(resolveSubgraphUrl('forum-posts', 'http://a/graphql', { FORUM_POSTS: 'http://b/graphql' })).toBe(
      'http://b/graphql',
    );
    expect(resolveSubgraphUrl('regions', 'http://a/graphql', { events: 'http://b/graphql' })).toBe(
      'http://a/graphql',
    );
  });
});

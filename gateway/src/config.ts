import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import {
  DEFAULT_BODY_LIMIT,
  isProductionEnv,
  parsePrivateKey,
  logLevelSchema,
  parseEnv,
  refusePlaceholderSecrets,
  tracingEnvSchema,
  z,
  type Logger,
  type LogLevel,
} from '@hub/kit';
import { readErrorExtensions, type ErrorExtensionDeclarations } from './error-extensions';
import { loadExampleOperations, type ExampleOperation } from './examples';
import { MIN_SECRET_LENGTH, type ClientAuthConfig } from './identity';
import { DEFAULT_MAX_COST } from './cost';
import { DEFAULT_CONNECTION_CAPS, type ConnectionCapSettings } from './connection-caps';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './rate-limit';
import type { QueryLimits } from './limits';
import { DEFAULT_SSE_REPLAY_SETTINGS } from './subscriptions/replay';
import { DEFAULT_RESPONSE_CACHE_SETTINGS, type ResponseCacheSettings } from './response-cache';
import { DEFAULT_SUBGRAPH_TRANSPORT, type SubgraphTransportSettings } from './transport';

export interface GatewayLimits extends QueryLimits {
  /** Largest JSON request body (express/bytes syntax: '256kb', '1mb'); larger → 413. */
  bodyLimit: string;
  /** Largest static cost of one operation (cost.ts); more → QUERY_TOO_COSTLY before anything is fetched. */
  maxCost: number;
  /** Largest response body in bytes; a larger answer is replaced by RESPONSE_TOO_LARGE (HTTP 400). */
  maxResponseBytes: number;
}

export interface PlaygroundOptions {
  /** Opened as tabs on a browser's first visit (and whenever this set changes). */
  exampleOperations: ExampleOperation[];
}

/** Federated subscriptions (graphql-ws on `/graphql`, Server-Sent Events on `/graphql/stream`). */
export interface SubscriptionSettings {
  /** Operations one graphql-ws connection may run at once; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  maxPerSocket: number;
  /** Largest graphql-ws message a client may send, in bytes; a larger one closes its socket with 1009. */
  maxMessageBytes: number;
  /** Interval of the comment lines that keep an idle SSE stream open through proxies, in milliseconds. */
  sseKeepAliveMs: number;
  /** Events kept per SSE subscription group for clients that reconnect with `Last-Event-ID`. */
  sseReplayMaxEvents: number;
  /** How long an event stays replayable, in milliseconds. */
  sseReplayMaxAgeMs: number;
  /** How long a group keeps recording after its last SSE client left (so a reconnect misses nothing), in ms. */
  sseReplayLingerMs: number;
}

/** Everything the gateway needs; `gatewayConfig()` fills the defaults, `gatewayConfigFromEnv()` reads env. */
export interface GatewayConfig {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** The composed supergraph (SDL text); its subgraph URLs apply unless overridden below. */
  supergraphSdl: string;
  /** Subgraph URL overrides keyed by subgraph name (as in the supergraph, case-insensitive). */
  subgraphUrls?: Record<string, string>;
  /**
   * The error extensions (besides `code`) each subgraph declares, generated next to the supergraph
   * (`schema/error-extensions.json`, read with `readErrorExtensions`): client errors keep only these.
   */
  errorExtensions: ErrorExtensionDeclarations;
  limits: GatewayLimits;
  subscriptions: SubscriptionSettings;
  logLevel: LogLevel;
  /** Use this logger instead of creating one (tests, or a process that hosts several services). */
  logger?: Logger;
  /** Whether the schema answers introspection queries (the playground's docs need it); default true. */
  introspection: boolean;
  /** `false` turns the playground off; an object enables it with example tabs. */
  playground: boolean | PlaygroundOptions;
  /** Serve the public API schema at `GET /schema.graphql` (default true, also in production: it is the contract). */
  publicSdl?: boolean;
  /** Origins allowed to call the API from a browser on another origin ('*' for any); unset → no CORS headers. */
  corsOrigins?: string[];
  /** How client tokens (`Authorization: Bearer <jwt>`) are verified. */
  auth: ClientAuthConfig;
  /**
   * The gateway's Ed25519 private key (`INTERNAL_SIGNING_KEY`): signs the internal token carrying the caller to
   * each subgraph, for that subgraph's audience. Subgraphs hold only its public key.
   */
  internalSigningKey: KeyObject;
  /** Connections to the subgraphs: pooling and timeouts (see transport.ts). */
  subgraphTransport: SubgraphTransportSettings;
  /** The cache of anonymous responses emptied by writes (see response-cache.ts); unset → off. */
  responseCache?: ResponseCacheSettings;
  /** When set, `GET /metrics` answers only `Authorization: Bearer <metricsToken>`; unset → anyone reaching it. */
  metricsToken?: string;
  /**
   * Which proxies' `X-Forwarded-For` names the client (express's `trust proxy`: `true`, a hop count, or
   * addresses/subnets/`loopback`…); unset → none, the client is the TCP peer. Counted per client: the caps below
   * and the rate limit.
   */
  trustProxy?: TrustProxySetting;
  /** Caps on the graphql-ws sockets and SSE streams one address or organisation holds; unset → none. */
  connectionCaps?: ConnectionCapSettings;
  /** The read rate limit per caller (rate-limit.ts); unset → none. */
  rateLimit?: RateLimitSettings;
}

/** Express's `trust proxy` values the gateway accepts. */
export type TrustProxySetting = boolean | number | string;

/** Fields `gatewayConfig()` has no default for. */
type RequiredGatewayFields = 'supergraphSdl' | 'errorExtensions' | 'auth' | 'internalSigningKey';

export type GatewayConfigInput = Pick<GatewayConfig, RequiredGatewayFields> &
  Partial<Omit<GatewayConfig, RequiredGatewayFields | 'limits' | 'subscriptions' | 'subgraphTransport'>> & {
    limits?: Partial<GatewayLimits>;
    subscriptions?: Partial<SubscriptionSettings>;
    subgraphTransport?: Partial<SubgraphTransportSettings>;
  };

/**
 * Defaults of the limits. graphql's standard introspection query (what GraphiQL sends) measures 6 deep
 * (see limits.ts for why `ofType` chains do not count), uses no alias or directive, and has 184 tokens.
 */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 4000,
  bodyLimit: DEFAULT_BODY_LIMIT,
  maxCost: DEFAULT_MAX_COST,
  maxResponseBytes: 32 * 1024 * 1024,
};

/** Subscriptions are small messages; a client rarely holds more than a handful at once per connection. */
export const DEFAULT_SUBSCRIPTION_SETTINGS: Readonly<SubscriptionSettings> = {
  maxPerSocket: 20,
  maxMessageBytes: 64 * 1024,
  sseKeepAliveMs: 15_000,
  sseReplayMaxEvents: DEFAULT_SSE_REPLAY_SETTINGS.maxEvents,
  sseReplayMaxAgeMs: DEFAULT_SSE_REPLAY_SETTINGS.maxAgeMs,
  sseReplayLingerMs: DEFAULT_SSE_REPLAY_SETTINGS.lingerMs,
};

export const DEFAULT_PORT = 4000;

/** The gateway package folder (the parent of both `src/` and `dist/`); relative env paths start here. */
export const GATEWAY_PACKAGE_DIR = path.resolve(__dirname, '..');

/** A complete config from the given fields and the defaults (port 0 and 127.0.0.1 unless given). */
export function gatewayConfig(input: GatewayConfigInput): GatewayConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'info',
    introspection: true,
    playground: true,
    ...input,
    limits: { ...DEFAULT_LIMITS, ...input.limits },
    subscriptions: { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...input.subscriptions },
    subgraphTransport: { ...DEFAULT_SUBGRAPH_TRANSPORT, ...input.subgraphTransport },
  };
}

const positiveInt = z.coerce.number().int().positive();

const TRUST_PROXY_NAMES: ReadonlySet<string> = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `true`/`false`, a number of proxy hops, or comma-separated addresses, subnets (CIDR) and express's names. */
export const trustProxySetting = z.string().transform((value, context): TrustProxySetting => {
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const validPrefix =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
    if (!TRUST_PROXY_NAMES.has(entry) && !(isIP(address) && validPrefix && extra === undefined)) {
      context.addIssue({
        code: 'custom',
        message: `\`${entry}\` is not true/false, a hop count, an address, a subnet or loopback/linklocal/uniquelocal`,
      });
      return z.NEVER;
    }
  }
  return entries.join(',');
});

/** A comma-separated list of origins (`https://partner.example,http://localhost:8080`) or `*`. */
export const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.union([z.literal('*'), z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin: scheme://host[:port]')]),
    ),
  );

const secret = (use: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required (${use})` : undefined) })
    .min(MIN_SECRET_LENGTH, `at least ${MIN_SECRET_LENGTH} characters (${use})`);

/** An empty variable (`JWT_JWKS_URL=` in an .env file) counts as unset. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** Everything but identity. */
const serverEnvSchema = z.object({
  /** OpenTelemetry traces (kit's `installTracing`, done by main.ts): off unless OTEL_TRACES_EXPORTER is set. */
  ...tracingEnvSchema.shape,
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  LOG_LEVEL: logLevelSchema,
  SUPERGRAPH_PATH: z.string().default('../schema/supergraph.graphql'),
  /** Default: `error-extensions.json` in the folder of SUPERGRAPH_PATH (generated together). */
  ERROR_EXTENSIONS_PATH: optional(z.string()),
  MAX_DEPTH: positiveInt.default(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: positiveInt.default(DEFAULT_LIMITS.maxAliases),
  MAX_DIRECTIVES: positiveInt.default(DEFAULT_LIMITS.maxDirectives),
  MAX_TOKENS: positiveInt.default(DEFAULT_LIMITS.maxTokens),
  MAX_COST: positiveInt.default(DEFAULT_LIMITS.maxCost),
  MAX_RESPONSE_BYTES: positiveInt.default(DEFAULT_LIMITS.maxResponseBytes),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 256kb or 1mb')
    .default(DEFAULT_LIMITS.bodyLimit),
  MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt.default(DEFAULT_SUBSCRIPTION_SETTINGS.maxPerSocket),
  MAX_WS_MESSAGE_BYTES: positiveInt.default(DEFAULT_SUBSCRIPTION_SETTINGS.maxMessageBytes),
  SSE_KEEP_ALIVE_SECONDS: positiveInt.default(DEFAULT_SUBSCRIPTION_SETTINGS.sseKeepAliveMs / 1000),
  SSE_REPLAY_EVENTS: positiveInt.default(DEFAULT_SSE_REPLAY_SETTINGS.maxEvents),
  SSE_REPLAY_SECONDS: positiveInt.default(DEFAULT_SSE_REPLAY_SETTINGS.maxAgeMs / 1000),
  SSE_REPLAY_LINGER_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_SSE_REPLAY_SETTINGS.lingerMs / 1000),
  /** Default: on, off in production (NODE_ENV=production). */
  PLAYGROUND: optional(z.stringbool()),
  /** Default: on, off in production. The playground's documentation pane needs it. */
  INTROSPECTION: optional(z.stringbool()),
  /** Default: on, also in production. `GET /schema.graphql` is the public contract, not introspection. */
  PUBLIC_SDL: optional(z.stringbool()),
  PLAYGROUND_EXAMPLES_DIR: z.string().default('../codegen/operations'),
  CORS_ORIGINS: originList.optional(),
  /** `auto`: on when REDIS_URL lets the replicas tell each other about writes; `true` for a single replica. */
  RESPONSE_CACHE: z.enum(['auto', 'true', 'false']).default('auto'),
  SUBGRAPH_TIMEOUT_SECONDS: positiveInt.default(DEFAULT_SUBGRAPH_TRANSPORT.requestTimeoutMs / 1000),
  SUBGRAPH_CONNECTIONS: positiveInt.default(DEFAULT_SUBGRAPH_TRANSPORT.connectionsPerSubgraph),
  RESPONSE_CACHE_TTL_SECONDS: positiveInt.default(DEFAULT_RESPONSE_CACHE_SETTINGS.ttlMs / 1000),
  RESPONSE_CACHE_MAX_MB: positiveInt.default(DEFAULT_RESPONSE_CACHE_SETTINGS.maxBytes / 1024 / 1024),
  /** Shared by the gateway replicas of a deployment: cache invalidations reach all of them. */
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  /** Guards GET /metrics (Authorization: Bearer <METRICS_TOKEN>); unset: open to whoever reaches the port. */
  METRICS_TOKEN: optional(z.string().min(16, 'at least 16 characters')),
  RESPONSE_CACHE_NAMESPACE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _')
    .default('hub_gateway'),
  /** Unset: the client is the TCP peer (X-Forwarded-For ignored). */
  TRUST_PROXY: optional(trustProxySetting),
  MAX_CONNECTIONS_PER_IP: positiveInt.default(DEFAULT_CONNECTION_CAPS.perIp),
  MAX_CONNECTIONS_PER_ORGANISATION: positiveInt.default(DEFAULT_CONNECTION_CAPS.perOrganisation),
  RATE_LIMIT: z.stringbool().default(true),
  RATE_LIMIT_ANONYMOUS: positiveInt.default(DEFAULT_RATE_LIMIT.anonymousLimit),
  RATE_LIMIT_SIGNED_IN: positiveInt.default(DEFAULT_RATE_LIMIT.signedInLimit),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(DEFAULT_RATE_LIMIT.windowMs / 1000),
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _')
    .default(DEFAULT_RATE_LIMIT.namespace),
});

/** Client tokens and the internal token: JWKS when `JWT_JWKS_URL` is set, else HS256 with `JWT_SECRET`. */
const identityEnvSchema = z
  .object({
    INTERNAL_SIGNING_KEY: z
      .string({ error: 'required (the Ed25519 private key internal tokens are signed with: PEM or JWK)' })
      .transform((value, context) => {
        try {
          return parsePrivateKey(value, 'private key');
        } catch (error) {
          context.addIssue({
            code: 'custom',
            message: error instanceof Error ? error.message : String(error),
          });
          return z.NEVER;
        }
      }),
    JWT_JWKS_URL: optional(z.url({ protocol: /^https?$/ })),
    JWT_SECRET: optional(secret('shared only by the gateway and the token issuer')),
    JWT_ISSUER: z.string().min(1).default('hub-local'),
    JWT_AUDIENCE: z.string().min(1).default('hub'),
  })
  .superRefine(
    (env, context) => {
      if (!env.JWT_JWKS_URL && !env.JWT_SECRET) {
        context.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'required unless JWT_JWKS_URL is set (the secret client tokens are signed with, HS256)',
        });
      }
    },
    // also when another identity variable is bad, so that every problem is named at once
    { when: () => true },
  );

/**
 * The gateway's environment (see .env.example). Two schemas side by side, so that a bad variable in one
 * does not hide the missing ones of the other.
 */
export const gatewayEnvSchema = z.intersection(serverEnvSchema, identityEnvSchema);

/** Client token verification from the parsed environment: JWKS when `JWT_JWKS_URL` is set, else HS256. */
function authFromEnv(parsed: z.infer<typeof gatewayEnvSchema>): ClientAuthConfig {
  const claims = { issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE };
  if (parsed.JWT_JWKS_URL) return { mode: 'jwks', jwksUrl: parsed.JWT_JWKS_URL, ...claims };
  // the schema refuses an environment with neither
  return { mode: 'hs256', secret: parsed.JWT_SECRET ?? '', ...claims };
}

export const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';

/** `SUBGRAPH_URL_<NAME>=<url>` variables as overrides keyed by the lower-cased name. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const overrides: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(SUBGRAPH_URL_PREFIX) && value) overrides[key] = value;
  }
  const parsed = parseEnv(z.record(z.string(), z.url({ protocol: /^https?$/ })), overrides);
  return Object.fromEntries(
    Object.entries(parsed).map(([key, url]) => [key.slice(SUBGRAPH_URL_PREFIX.length).toLowerCase(), url]),
  );
}

/** The name `npm run generate` gives the declaration file next to `supergraph.graphql`. */
export const ERROR_EXTENSIONS_FILE_NAME = 'error-extensions.json';

/** The declaration file given, else the one generated next to the supergraph. */
export function errorExtensionsPath(supergraphPath: string, given?: string): string {
  return given ?? path.join(path.dirname(supergraphPath), ERROR_EXTENSIONS_FILE_NAME);
}

function readDeclaredErrorExtensions(file: string): ErrorExtensionDeclarations {
  try {
    return readErrorExtensions(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid environment:\n  ERROR_EXTENSIONS_PATH: ${reason}`);
  }
}

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid environment:\n  SUPERGRAPH_PATH: cannot read the supergraph (${reason})`);
  }
}

/**
 * Reads the gateway's environment once: variables, the supergraph file, the error-extension declarations
 * and the playground's example operations. Relative paths are resolved against the gateway package folder.
 */
export function gatewayConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  packageDir: string = GATEWAY_PACKAGE_DIR,
): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env);
  const production = isProductionEnv(env);
  refusePlaceholderSecrets(env, ['INTERNAL_SIGNING_KEY', 'JWT_SECRET']);
  if (production && parsed.JWT_JWKS_URL?.startsWith('http:')) {
    throw new Error(
      'Invalid environment:\n  JWT_JWKS_URL: must be https in production (the keys that verify every token)',
    );
  }
  const subgraphUrls = subgraphUrlsFromEnv(env);
  const supergraphPath = path.resolve(packageDir, parsed.SUPERGRAPH_PATH);
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    logLevel: parsed.LOG_LEVEL,
    supergraphSdl: readSupergraph(supergraphPath),
    errorExtensions: readDeclaredErrorExtensions(
      errorExtensionsPath(
        supergraphPath,
        parsed.ERROR_EXTENSIONS_PATH && path.resolve(packageDir, parsed.ERROR_EXTENSIONS_PATH),
      ),
    ),
    ...(Object.keys(subgraphUrls).length ? { subgraphUrls } : {}),
    limits: {
      maxDepth: parsed.MAX_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxDirectives: parsed.MAX_DIRECTIVES,
      maxTokens: parsed.MAX_TOKENS,
      bodyLimit: parsed.BODY_LIMIT,
      maxCost: parsed.MAX_COST,
      maxResponseBytes: parsed.MAX_RESPONSE_BYTES,
    },
    subgraphTransport: {
      ...DEFAULT_SUBGRAPH_TRANSPORT,
      requestTimeoutMs: parsed.SUBGRAPH_TIMEOUT_SECONDS * 1000,
      connectionsPerSubgraph: parsed.SUBGRAPH_CONNECTIONS,
    },
    subscriptions: {
      maxPerSocket: parsed.MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxMessageBytes: parsed.MAX_WS_MESSAGE_BYTES,
      sseKeepAliveMs: parsed.SSE_KEEP_ALIVE_SECONDS * 1000,
      sseReplayMaxEvents: parsed.SSE_REPLAY_EVENTS,
      sseReplayMaxAgeMs: parsed.SSE_REPLAY_SECONDS * 1000,
      sseReplayLingerMs: parsed.SSE_REPLAY_LINGER_SECONDS * 1000,
    },
    introspection: parsed.INTROSPECTION ?? !production,
    publicSdl: parsed.PUBLIC_SDL ?? true,
    playground:
      (parsed.PLAYGROUND ?? !production)
        ? {
            exampleOperations: loadExampleOperations(
              path.resolve(packageDir, parsed.PLAYGROUND_EXAMPLES_DIR),
            ),
          }
        : false,
    ...(parsed.CORS_ORIGINS?.length ? { corsOrigins: parsed.CORS_ORIGINS } : {}),
    auth: authFromEnv(parsed),
    ...(parsed.METRICS_TOKEN ? { metricsToken: parsed.METRICS_TOKEN } : {}),
    ...(parsed.TRUST_PROXY !== undefined ? { trustProxy: parsed.TRUST_PROXY } : {}),
    connectionCaps: {
      perIp: parsed.MAX_CONNECTIONS_PER_IP,
      perOrganisation: parsed.MAX_CONNECTIONS_PER_ORGANISATION,
    },
    ...(parsed.RATE_LIMIT
      ? {
          rateLimit: {
            anonymousLimit: parsed.RATE_LIMIT_ANONYMOUS,
            signedInLimit: parsed.RATE_LIMIT_SIGNED_IN,
            windowMs: parsed.RATE_LIMIT_WINDOW_SECONDS * 1000,
            namespace: parsed.RATE_LIMIT_NAMESPACE,
            ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
          },
        }
      : {}),
    internalSigningKey: parsed.INTERNAL_SIGNING_KEY,
    ...(parsed.RESPONSE_CACHE === 'true' || (parsed.RESPONSE_CACHE === 'auto' && parsed.REDIS_URL)
      ? {
          responseCache: {
            ttlMs: parsed.RESPONSE_CACHE_TTL_SECONDS * 1000,
            maxBytes: parsed.RESPONSE_CACHE_MAX_MB * 1024 * 1024,
            namespace: parsed.RESPONSE_CACHE_NAMESPACE,
            ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
          },
        }
      : {}),
  };
}

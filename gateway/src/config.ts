import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import {
  databaseUrl,
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
import {
  DEFAULT_PLAN_WARMUP,
  knownOperationsOf,
  type KnownOperation,
  type PlanWarmupSettings,
} from './plan-warmup';
import { DOMAIN_EVENT_TOPICS, type DomainEventSource } from './cache-events';
import { listSubgraphs } from './subgraphs';

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
  /**
   * The hub's public address (`https://hub.example.org`): the base of the absolute links in feeds and the
   * embeddable profile. Unset: taken from the request (its Host header), which only suits a hub reached under
   * one name — feeds are kept by shared caches, so a forged Host would otherwise end up in their links.
   */
  publicUrl?: string;
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
  /** Operations planned before the gateway listens (see plan-warmup.ts); unset → none. */
  knownOperations?: KnownOperation[];
  /** Whether and for how long to plan `knownOperations` at start; unset → `DEFAULT_PLAN_WARMUP`. */
  planWarmup?: PlanWarmupSettings;
  /**
   * Whether a query planned as one plain fetch to one subgraph is answered with the subgraph's answer as is
   * (see single-fetch.ts); unset → true. Off only to compare answers with and without it (tests, benches).
   */
  singleFetchPassThrough?: boolean;
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
  /** The example operations: the playground's tabs, and the operations planned at start (PLAN_WARMUP). */
  PLAYGROUND_EXAMPLES_DIR: z.string().default('../codegen/operations'),
  /** Plan the known operations before listening (plan-warmup.ts); default on. */
  PLAN_WARMUP: z.stringbool().default(DEFAULT_PLAN_WARMUP.enabled),
  /** The warm-up stops after this long; operations left plan on their first request. */
  PLAN_WARMUP_TIMEOUT_SECONDS: positiveInt.default(DEFAULT_PLAN_WARMUP.timeoutMs / 1000),
  CORS_ORIGINS: originList.optional(),
  /** The hub's public address, base of the links in feeds and the embeddable profile (see GatewayConfig). */
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))),
  /** `auto`: on when REDIS_URL lets the replicas tell each other about writes; `true` for a single replica. */
  RESPONSE_CACHE: z.enum(['auto', 'true', 'false']).default('auto'),
  SUBGRAPH_TIMEOUT_SECONDS: positiveInt.default(DEFAULT_SUBGRAPH_TRANSPORT.requestTimeoutMs / 1000),
  SUBGRAPH_CONNECTIONS: positiveInt.default(DEFAULT_SUBGRAPH_TRANSPORT.connectionsPerSubgraph),
  RESPONSE_CACHE_TTL_SECONDS: positiveInt.default(DEFAULT_RESPONSE_CACHE_SETTINGS.ttlMs / 1000),
  RESPONSE_CACHE_MAX_MB: positiveInt.default(DEFAULT_RESPONSE_CACHE_SETTINGS.maxBytes / 1024 / 1024),
  /** Shared by the gateway replicas of a deployment: cache invalidations reach all of them. */
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  /**
   * The PostgreSQL server of the subgraphs' databases (as their DATABASE_URL): without REDIS_URL the response
   * cache hears each subgraph's domain events by LISTEN on its database `hub_<subgraph>` there.
   */
  DOMAIN_EVENTS_DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
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

export const DOMAIN_EVENTS_NAMESPACE_PREFIX = 'DOMAIN_EVENTS_NAMESPACE_';
export const DOMAIN_EVENTS_DATABASE_URL_PREFIX = 'DOMAIN_EVENTS_DATABASE_URL_';

const busNamespace = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _');

/** The variables starting with `prefix`, keyed by their suffix, checked with `schema`. */
function prefixedEnv<T extends z.ZodType>(env: NodeJS.ProcessEnv, prefix: string, schema: T) {
  const found: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && key.length > prefix.length && value) found[key] = value;
  }
  const parsed = parseEnv(z.record(z.string(), schema), found) as Record<string, z.infer<T>>;
  return new Map(Object.entries(parsed).map(([key, value]) => [key.slice(prefix.length), value]));
}

/** How `SUBGRAPH_NAME` in a variable's name spells subgraph `name` (`forum-posts` → `FORUM_POSTS`). */
const envNameOf = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * Where the response cache hears each subgraph's domain events (cache-events.ts), from the environment: the
 * subgraphs publish on the bus they pick themselves (kit's `createEventBus`), so the gateway listens there.
 *
 * - `DOMAIN_EVENTS_DATABASE_URL_<SUBGRAPH>`: LISTEN/NOTIFY on that database (a subgraph without REDIS_URL);
 * - else with `REDIS_URL`: the Redis channels of namespace `DOMAIN_EVENTS_NAMESPACE_<SUBGRAPH>`, by default
 *   `hub_<subgraph>` (the subgraph's DATABASE_NAME in the manifests, which namespaces its channels);
 * - else with `DOMAIN_EVENTS_DATABASE_URL` (a server): LISTEN/NOTIFY on database `hub_<subgraph>` there.
 *
 * Only the subgraphs of the supergraph that publish domain events are listed; a variable naming a subgraph the
 * supergraph does not have is refused (a typo would otherwise leave the cache deaf to that subgraph).
 */
export function domainEventSourcesFromEnv(
  env: NodeJS.ProcessEnv,
  supergraphSdl: string,
  options: { redisUrl?: string; databaseServerUrl?: string },
): DomainEventSource[] {
  const namespaces = prefixedEnv(env, DOMAIN_EVENTS_NAMESPACE_PREFIX, busNamespace);
  const databases = prefixedEnv(
    env,
    DOMAIN_EVENTS_DATABASE_URL_PREFIX,
    z.url({ protocol: /^postgres(ql)?$/ }),
  );
  const subgraphs = listSubgraphs(supergraphSdl).map(({ name }) => name);
  const known = new Set(subgraphs.map(envNameOf));
  const unknown = [...namespaces.keys(), ...databases.keys()]
    .filter((suffix) => !known.has(suffix))
    .map((suffix) =>
      namespaces.has(suffix)
        ? DOMAIN_EVENTS_NAMESPACE_PREFIX + suffix
        : DOMAIN_EVENTS_DATABASE_URL_PREFIX + suffix,
    );
  if (unknown.length) {
    throw new Error(
      `Invalid environment:\n${unknown.map((key) => `  ${key}: the supergraph has no such subgraph (it has ${subgraphs.join(', ')})`).join('\n')}`,
    );
  }
  const sources: DomainEventSource[] = [];
  for (const subgraph of subgraphs) {
    if (!DOMAIN_EVENT_TOPICS[subgraph]) continue; // publishes nothing (regions)
    const envName = envNameOf(subgraph);
    const defaultName = `hub_${envName.toLowerCase()}`;
    const database = databases.get(envName);
    if (database) sources.push({ subgraph, postgresUrl: database });
    else if (options.redisUrl)
      sources.push({
        subgraph,
        redisUrl: options.redisUrl,
        namespace: namespaces.get(envName) ?? defaultName,
      });
    else if (options.databaseServerUrl)
      sources.push({ subgraph, postgresUrl: databaseUrl(options.databaseServerUrl, defaultName) });
  }
  return sources;
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
  if (production && parsed.PUBLIC_URL?.startsWith('http:')) {
    throw new Error(
      'Invalid environment:\n  PUBLIC_URL: must be https in production (the links partners follow)',
    );
  }
  const subgraphUrls = subgraphUrlsFromEnv(env);
  const supergraphPath = path.resolve(packageDir, parsed.SUPERGRAPH_PATH);
  const exampleOperations = loadExampleOperations(path.resolve(packageDir, parsed.PLAYGROUND_EXAMPLES_DIR));
  const supergraphSdl = readSupergraph(supergraphPath);
  const cacheOn = parsed.RESPONSE_CACHE === 'true' || (parsed.RESPONSE_CACHE === 'auto' && parsed.REDIS_URL);
  const domainEvents = domainEventSourcesFromEnv(env, supergraphSdl, {
    ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
    ...(parsed.DOMAIN_EVENTS_DATABASE_URL ? { databaseServerUrl: parsed.DOMAIN_EVENTS_DATABASE_URL } : {}),
  });
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    logLevel: parsed.LOG_LEVEL,
    supergraphSdl,
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
    playground: (parsed.PLAYGROUND ?? !production) ? { exampleOperations } : false,
    knownOperations: knownOperationsOf(exampleOperations),
    planWarmup: { enabled: parsed.PLAN_WARMUP, timeoutMs: parsed.PLAN_WARMUP_TIMEOUT_SECONDS * 1000 },
    ...(parsed.CORS_ORIGINS?.length ? { corsOrigins: parsed.CORS_ORIGINS } : {}),
    ...(parsed.PUBLIC_URL ? { publicUrl: parsed.PUBLIC_URL } : {}),
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
    ...(cacheOn
      ? {
          responseCache: {
            ttlMs: parsed.RESPONSE_CACHE_TTL_SECONDS * 1000,
            maxBytes: parsed.RESPONSE_CACHE_MAX_MB * 1024 * 1024,
            namespace: parsed.RESPONSE_CACHE_NAMESPACE,
            ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
            ...(domainEvents.length ? { domainEvents } : {}),
          },
        }
      : {}),
  };
}

import { z } from 'zod';
import { LOG_LEVELS } from './logger';
import { parsePeerKeys, parsePrivateKey, parsePublicKeys } from '../writes/internal-keys';
import type { SubgraphConfig } from './server';

export { z };

/** `LOG_LEVEL`: the one schema every process (subgraphs, gateway, tools) reads its log level with. */
export const logLevelSchema = z.enum(LOG_LEVELS).default('info');

/** The database a subgraph uses unless `DATABASE_NAME` says otherwise: `hub_<name>`. */
export function defaultDatabaseName(subgraphName: string): string {
  return `hub_${subgraphName}`;
}

const databaseNameSchema = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _');

/**
 * What a command that works on a subgraph's database reads (`hub-subgraph migrate`, an import): the server
 * (`DATABASE_URL`, required), `DATABASE_NAME` (default `hub_<name>`), `LOG_LEVEL`.
 */
export function databaseEnvSchema(subgraphName: string) {
  return z.object({
    DATABASE_URL: z.string({ error: 'required (the PostgreSQL server the subgraph uses)' }).url(),
    DATABASE_NAME: databaseNameSchema.default(defaultDatabaseName(subgraphName)),
    LOG_LEVEL: logLevelSchema,
  });
}

/** The exporters `OTEL_TRACES_EXPORTER` may name (OpenTelemetry's own variable); `none` is the default. */
export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
/** The samplers `OTEL_TRACES_SAMPLER` may name, as the OpenTelemetry SDKs read it. */
export const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** OpenTelemetry treats an empty variable as unset. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * Traces (`runtime/tracing.ts`), read by every process with OpenTelemetry's standard variable names. Off by
 * default. `OTEL_EXPORTER_OTLP_HEADERS`, `…_TIMEOUT` and `…_COMPRESSION` are read by the OTLP exporter itself.
 */
export const tracingEnvSchema = z.object({
  OTEL_TRACES_EXPORTER: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(TRACES_EXPORTERS).default('none'),
  ),
  /** Base URL of an OTLP/HTTP receiver (a collector): traces go to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetWhenEmpty(z.url({ protocol: /^https?$/ })),
  /** The full traces URL, over `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: unsetWhenEmpty(z.url({ protocol: /^https?$/ })),
  OTEL_SERVICE_NAME: unsetWhenEmpty(z.string().min(1)),
  OTEL_TRACES_SAMPLER: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(TRACES_SAMPLERS).default('parentbased_always_on'),
  ),
  /** The ratio of the `…traceidratio` samplers, 0 … 1. */
  OTEL_TRACES_SAMPLER_ARG: unsetWhenEmpty(z.coerce.number().min(0).max(1)),
});

/** What `installTracing` needs of the environment (see `tracingEnvSchema`). */
export interface TracingSettings {
  exporter: (typeof TRACES_EXPORTERS)[number];
  /** The OTLP/HTTP traces URL; unset: the exporter's default, http://localhost:4318/v1/traces. */
  otlpTracesUrl?: string;
  /** `service.name` of the spans; unset: the process's own name (`gateway`, the subgraph's name, `hub`). */
  serviceName?: string;
  sampler: (typeof TRACES_SAMPLERS)[number];
  /** The ratio of the `…traceidratio` samplers (default 1). */
  samplerRatio: number;
}

/** Tracing settings from the parsed variables of `tracingEnvSchema`. */
export function tracingSettings(parsed: z.infer<typeof tracingEnvSchema>): TracingSettings {
  const otlpTracesUrl =
    parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (parsed.OTEL_EXPORTER_OTLP_ENDPOINT &&
      `${parsed.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  return {
    exporter: parsed.OTEL_TRACES_EXPORTER,
    ...(otlpTracesUrl ? { otlpTracesUrl } : {}),
    ...(parsed.OTEL_SERVICE_NAME ? { serviceName: parsed.OTEL_SERVICE_NAME } : {}),
    sampler: parsed.OTEL_TRACES_SAMPLER,
    samplerRatio: parsed.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}

/** Tracing settings of a process from its environment; throws one error naming every bad variable. */
export function tracingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  return tracingSettings(parseEnv(tracingEnvSchema, env));
}

/** A key setting parsed into keys, so that a bad key is named with the other bad variables at start. */
function keySetting<T>(parse: (value: string) => T, requiredMessage: string) {
  return z.string({ error: requiredMessage }).transform((value, context) => {
    try {
      return parse(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });
}

function optionalKeySetting<T>(parse: (value: string) => T) {
  return z.preprocess(
    (value) => (value === '' ? undefined : value),
    keySetting(parse, 'a key setting').optional(),
  );
}

/** Fields every subgraph process reads from its environment. */
export const subgraphEnvSchema = z.object({
  ...tracingEnvSchema.shape,
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_NAME: databaseNameSchema.optional(),
  /** The gateway's public key(s): it signs the internal token of every client request (see identity.ts). */
  INTERNAL_VERIFY_KEYS: keySetting(
    (value) => parsePublicKeys(value, 'public key'),
    "required (the gateway's Ed25519 public key(s): PEM, JWK or JWK array)",
  ),
  /** This subgraph's own Ed25519 private key: signs its calls to peers (required with a peer URL). */
  INTERNAL_SIGNING_KEY: optionalKeySetting((value) => parsePrivateKey(value, 'private key')),
  /** Subgraphs that may call this one as peers: JSON name → public key(s). */
  PEER_KEYS: optionalKeySetting(parsePeerKeys),
  LOG_LEVEL: logLevelSchema,
  /** `false`: migrations run as a separate step (`hub-subgraph migrate`, a Kubernetes Job), not at start. */
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  REDIS_URL: z.string().url().optional(),
  /** When set, `GET /metrics` asks for `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(16).optional()),
});

/**
 * Parses `env` once with `schema`; on failure throws one readable error naming every bad variable,
 * so a process never starts half-configured.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Production mode: the images set `NODE_ENV=production`; stricter checks and defaults apply. */
export function isProductionEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** The marker of the example secrets in documentation and local files (`…-change-me-…`). */
const PLACEHOLDER_SECRET = /change[-_ ]?me/i;

/**
 * In production, refuses the named variables when they hold a placeholder secret (one that anybody who read
 * an example or the repository knows); one error naming every such variable.
 */
export function refusePlaceholderSecrets(env: NodeJS.ProcessEnv, names: readonly string[]): void {
  if (!isProductionEnv(env)) return;
  const placeholders = names.filter((name) => PLACEHOLDER_SECRET.test(env[name] ?? ''));
  if (placeholders.length === 0) return;
  throw new Error(
    `Invalid environment:\n${placeholders
      .map(
        (name) =>
          `  ${name}: a placeholder ("change-me"); production needs its own value (a random secret of 32+ characters, or a fresh key pair: npm run keys -w @hub/local)`,
      )
      .join('\n')}`,
  );
}

/**
 * The typed config of a subgraph process from its environment (see `subgraphEnvSchema`): `DATABASE_URL` is
 * required, the database defaults to `hub_<name>`, and each peer subgraph's URL comes from
 * `<PEER>_SUBGRAPH_URL` (e.g. `REGIONS_SUBGRAPH_URL`) when set.
 */
export function subgraphConfigFromEnv(
  subgraph: { name: string; defaultPort: number; peers?: string[] },
  env: NodeJS.ProcessEnv = process.env,
): SubgraphConfig {
  const peerVariables = (subgraph.peers ?? []).map(
    (peer) => [peer, `${peer.toUpperCase()}_SUBGRAPH_URL`] as const,
  );
  const parsed = parseEnv(
    subgraphEnvSchema.extend({
      PORT: subgraphEnvSchema.shape.PORT.default(subgraph.defaultPort),
      DATABASE_URL: z.string({ error: 'required (the PostgreSQL server the subgraph uses)' }).url(),
      ...Object.fromEntries(peerVariables.map(([, variable]) => [variable, z.string().url().optional()])),
    }),
    env,
  ) as z.infer<typeof subgraphEnvSchema> & { DATABASE_URL: string } & Record<string, string | undefined>;
  // example keys carry "change-me" in their `kid`: trusting one lets whoever read the example sign
  refusePlaceholderSecrets(env, ['INTERNAL_VERIFY_KEYS', 'INTERNAL_SIGNING_KEY', 'PEER_KEYS']);
  const peers = Object.fromEntries(
    peerVariables.flatMap(([peer, variable]) => (parsed[variable] ? [[peer, parsed[variable]!]] : [])),
  );
  if (Object.keys(peers).length > 0 && !parsed.INTERNAL_SIGNING_KEY) {
    throw new Error(
      `Invalid environment:\n  INTERNAL_SIGNING_KEY: required with ${peerVariables
        .filter(([peer]) => peers[peer])
        .map(([, variable]) => variable)
        .join(', ')} (this subgraph signs its calls to peers with its own Ed25519 private key)`,
    );
  }
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    databaseServerUrl: parsed.DATABASE_URL,
    databaseName: parsed.DATABASE_NAME ?? defaultDatabaseName(subgraph.name),
    ...(parsed.MIGRATE_ON_START === 'false' ? { migrateOnStart: false } : {}),
    internalKeys: {
      gatewayKeys: parsed.INTERNAL_VERIFY_KEYS,
      ...(parsed.INTERNAL_SIGNING_KEY ? { signingKey: parsed.INTERNAL_SIGNING_KEY } : {}),
      ...(parsed.PEER_KEYS ? { peerKeys: parsed.PEER_KEYS } : {}),
    },
    logLevel: parsed.LOG_LEVEL,
    ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
    ...(parsed.METRICS_TOKEN ? { metricsToken: parsed.METRICS_TOKEN } : {}),
    ...(Object.keys(peers).length ? { peers } : {}),
  };
}

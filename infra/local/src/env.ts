import { originList } from '@hub/gateway';
import { logLevelSchema, tracingEnvSchema, z } from '@hub/kit';

/**
 * `HUB_PROCESSES`: `auto` (one process per CPU the system gives Node.js, `os.availableParallelism()`) or a
 * count; 1 (the default) runs everything in this one process.
 */
export const processCountSchema = z
  .string()
  .regex(/^(auto|[1-9]\d*)$/, 'HUB_PROCESSES must be "auto" or a whole number of 1 or more')
  .default('1');

/** The variables of `npm start` (README, "Environment variables"); the replicas of several read the same. */
export const localEnvSchema = z.object({
  // OpenTelemetry traces of the gateway and every subgraph (one provider for the process): OTEL_TRACES_EXPORTER …
  ...tracingEnvSchema.shape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  // Names the databases `<prefix>_<subgraph>`: two hubs on one PostgreSQL server (a test beside a developer's).
  HUB_DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'HUB_DATABASE_PREFIX: lower-case letters, digits and _')
    .default('hub'),
  HUB_DATA_DIR: z.string().optional(),
  HUB_PROCESSES: processCountSchema,
  LOG_LEVEL: logLevelSchema,
  // Partner pages allowed to embed the widgets or call the API from a browser, e.g. http://localhost:8080.
  CORS_ORIGINS: originList.optional(),
  // The gateway's cache of anonymous responses, emptied by every write that goes through it.
  RESPONSE_CACHE: z.stringbool().default(true),
  // With several processes: the event buses and the response cache of every replica go through this Redis.
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
});

export type LocalEnv = z.infer<typeof localEnvSchema>;

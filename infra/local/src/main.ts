import 'reflect-metadata';
import { DEFAULT_RESPONSE_CACHE_SETTINGS, originList } from '@hub/gateway';
import {
  installTracing,
  logLevelSchema,
  parseEnv,
  runUntilSignalled,
  tracingEnvSchema,
  tracingSettings,
  z,
} from '@hub/kit';
import { startHub } from './hub';

const localEnvSchema = z.object({
  // OpenTelemetry traces of the gateway and every subgraph (one provider for the process): OTEL_TRACES_EXPORTER …
  ...tracingEnvSchema.shape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  HUB_DATA_DIR: z.string().optional(),
  LOG_LEVEL: logLevelSchema,
  // Partner pages allowed to embed the widgets or call the API from a browser, e.g. http://localhost:8080.
  CORS_ORIGINS: originList.optional(),
  // The gateway's cache of anonymous responses, emptied by every write that goes through it.
  RESPONSE_CACHE: z.stringbool().default(true),
});

/** `npm start`: the whole hub on this machine; Ctrl-C stops everything. */
runUntilSignalled(async () => {
  const env = parseEnv(localEnvSchema);
  // before the subgraphs open their databases: the SQL spans come from patching pg as knex loads it
  const tracing = await installTracing({ serviceName: 'hub', settings: tracingSettings(env) });
  const hub = await startHub({
    databaseServerUrl: env.DATABASE_URL,
    dataDir: env.HUB_DATA_DIR,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS,
    ...(env.RESPONSE_CACHE ? { responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS } : {}),
  }).catch(async (error: unknown) => {
    await tracing.stop();
    throw error;
  });
  process.stdout.write(
    `\nIntegration Partnership Hub is running.\n  Playground: ${hub.playgroundUrl}\n  GraphQL:    ${hub.url}\n  Widgets:    ${hub.url.replace(/\/graphql$/, '/widget.js')}\nPress Ctrl-C to stop.\n\n`,
  );
  return {
    async stop() {
      await hub.stop();
      await tracing.stop(); // exports the spans still batched
    },
  };
});

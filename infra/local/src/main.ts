import 'reflect-metadata';
import { DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { installTracing, parseEnv, runUntilSignalled, tracingSettings } from '@hub/kit';
import { localEnvSchema } from './env';
import { startHub } from './hub';
import { hubProcessCount, startReplicatedHub } from './processes';

function printBanner(url: string, playgroundUrl: string, processes: number): void {
  const replicas = processes > 1 ? ` (${processes} processes)` : '';
  process.stdout.write(
    `\nIntegration Partnership Hub is running${replicas}.\n  Playground: ${playgroundUrl}\n  GraphQL:    ${url}\n  Widgets:    ${url.replace(/\/graphql$/, '/widget.js')}\nPress Ctrl-C to stop.\n\n`,
  );
}

/** `npm start`: the whole hub on this machine, in one process or several (`HUB_PROCESSES`); Ctrl-C stops everything. */
runUntilSignalled(async () => {
  const env = parseEnv(localEnvSchema);
  const processes = hubProcessCount(env.HUB_PROCESSES);
  // where the hub keeps its data and where it listens, in one process or several
  const place = {
    databaseServerUrl: env.DATABASE_URL,
    dataDir: env.HUB_DATA_DIR,
    databasePrefix: env.HUB_DATABASE_PREFIX,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
  };
  if (processes > 1) {
    // the replicas run the services (and trace them); this process owns the database and the public port
    const hub = await startReplicatedHub({ processes, ...place });
    printBanner(hub.url, hub.playgroundUrl, processes);
    return hub;
  }
  // before the subgraphs open their databases: the SQL spans come from patching pg as knex loads it
  const tracing = await installTracing({ serviceName: 'hub', settings: tracingSettings(env) });
  const hub = await startHub({
    ...place,
    corsOrigins: env.CORS_ORIGINS,
    ...(env.RESPONSE_CACHE ? { responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS } : {}),
  }).catch(async (error: unknown) => {
    await tracing.stop();
    throw error;
  });
  printBanner(hub.url, hub.playgroundUrl, 1);
  return {
    async stop() {
      await hub.stop();
      await tracing.stop(); // exports the spans still batched
    },
  };
});

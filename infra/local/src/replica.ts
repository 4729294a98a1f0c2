import 'reflect-metadata';
import type { Socket } from 'node:net';
import { DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { installTracing, parseEnv, tracingSettings } from '@hub/kit';
import { localEnvSchema } from './env';
import { startHub, type RunningHub } from './hub';
import type { PrimaryMessage, ReplicaMessage, ReplicaSettings } from './processes';

/**
 * One replica of a hub run as several processes (processes.ts explains the layout): the gateway and every
 * subgraph, on databases the primary has migrated, with the settings of `npm start` from the same environment.
 * Client connections come from the primary over the IPC channel; the gateway also listens on its own port of
 * 127.0.0.1 (to reach this replica alone: health checks, tests). It stops on SIGINT/SIGTERM (Ctrl-C reaches
 * every process of the terminal's group), on the primary's `stop` and when the primary is gone.
 */
function runReplica(): void {
  if (!process.send) {
    console.error('replica.js is started by the hub (HUB_PROCESSES above 1), not on its own');
    process.exit(2);
  }
  const env = parseEnv(localEnvSchema);
  let hub: RunningHub | undefined;
  let stopRequested = false;
  let stopping = false;
  let stopTracing: (() => Promise<void>) | undefined;

  const stop = () => {
    stopRequested = true;
    if (stopping || !hub) return; // before it is up: stops once started (see below)
    stopping = true;
    const running = hub;
    void (async () => {
      try {
        await running.stop();
        await stopTracing?.();
        process.exit(0);
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop); // the primary is gone: nobody hands connections any more

  const start = async (settings: ReplicaSettings) => {
    const tracing = await installTracing({ serviceName: 'hub', settings: tracingSettings(env) });
    stopTracing = () => tracing.stop();
    hub = await startHub({
      databaseServerUrl: settings.databaseServerUrl,
      databasePrefix: settings.databasePrefix,
      secrets: settings.secrets,
      migrateOnStart: false,
      port: 0,
      host: '127.0.0.1',
      logLevel: env.LOG_LEVEL,
      logBindings: { process: `replica ${settings.replica}`, pid: process.pid },
      corsOrigins: env.CORS_ORIGINS,
      ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
      ...(env.RESPONSE_CACHE ? { responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS } : {}),
    });
    if (stopRequested) stop();
    else process.send!({ type: 'ready', url: hub.url, pid: process.pid } satisfies ReplicaMessage);
  };

  process.on('message', (message: PrimaryMessage, handle?: Socket) => {
    switch (message.type) {
      case 'start':
        start(message.settings).catch(async (error: unknown) => {
          console.error(error instanceof Error ? error.message : error);
          await stopTracing?.();
          process.exit(1);
        });
        return;
      case 'connection':
        if (!handle) return;
        // the gateway's HTTP server takes it as its own (requests, WebSocket upgrades, draining on stop)
        if (hub && !stopping) hub.gateway.httpServer.emit('connection', handle);
        else handle.destroy();
        return;
      case 'stop':
        stop();
        return;
    }
  });
}

runReplica();

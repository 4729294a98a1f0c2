import 'reflect-metadata';
import { regionsConfigFromEnv } from './config';
import { createRegionsServer } from './server';

async function main(): Promise<void> {
  const server = await createRegionsServer(regionsConfigFromEnv());
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { defaultDatabaseName } from '../runtime/config';
import type { SubgraphDefinition } from '../runtime/definition';
import type { Logger } from '../runtime/logger';
import type { SubgraphConfig } from '../runtime/server';
import { writePatternMigrations } from '../writes/write-pattern-migration';
import { databaseUrl, ensureDatabase } from './database';
import { initOrm, migrateAndSeed, type DatabaseTimeouts } from './orm';

/**
 * Creates the subgraph's database when missing, opens the ORM on it, applies the kit's and the subgraph's
 * migrations and runs first-start seeds. Used by `startSubgraph` and by command-line tools (importers) that
 * write to a subgraph's database.
 */
export async function openSubgraphDatabase<T>(
  definition: SubgraphDefinition<T>,
  config: Pick<SubgraphConfig, 'databaseServerUrl' | 'databaseName'>,
  logger: Logger,
  onStatement?: () => void,
  timeouts?: DatabaseTimeouts,
): Promise<{ orm: MikroORM<PostgreSqlDriver>; clientUrl: string }> {
  const databaseName = config.databaseName ?? defaultDatabaseName(definition.name);
  await ensureDatabase(config.databaseServerUrl, databaseName);
  const clientUrl = databaseUrl(config.databaseServerUrl, databaseName);
  const orm = await initOrm({
    clientUrl,
    entities: definition.entities,
    migrations: [...writePatternMigrations, ...definition.migrations],
    logger,
    onStatement,
    timeouts,
  });
  try {
    await migrateAndSeed(orm, clientUrl, definition.seeds ?? [], logger);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return { orm, clientUrl };
}

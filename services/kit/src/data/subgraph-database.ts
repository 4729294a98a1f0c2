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
 * write to a subgraph's database. With `migrateOnStart: false` (production with a migration Job, whose
 * serving role may not create databases or change the schema) it only opens the database, and refuses to
 * go on while migrations are pending.
 */
export async function openSubgraphDatabase<T>(
  definition: SubgraphDefinition<T>,
  config: Pick<SubgraphConfig, 'databaseServerUrl' | 'databaseName' | 'migrateOnStart'>,
  logger: Logger,
  onStatement?: () => void,
  timeouts?: DatabaseTimeouts,
): Promise<{ orm: MikroORM<PostgreSqlDriver>; clientUrl: string }> {
  const databaseName = config.databaseName ?? defaultDatabaseName(definition.name);
  const migrate = config.migrateOnStart !== false;
  if (migrate) await ensureDatabase(config.databaseServerUrl, databaseName);
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
    if (migrate) {
      await migrateAndSeed(orm, clientUrl, definition.seeds ?? [], logger);
    } else {
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length) {
        throw new Error(
          `The database ${databaseName} has ${pending.length} pending migration(s) (${pending
            .map((migration) => migration.name)
            .join(
              ', ',
            )}): run \`hub-subgraph migrate\` (the migration Job) first, or set MIGRATE_ON_START=true`,
        );
      }
    }
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return { orm, clientUrl };
}

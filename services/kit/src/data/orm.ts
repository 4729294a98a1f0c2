import { MikroORM, type MigrationObject, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { recordSqlStatement } from './sql-statements';

export type { EntityManager };

/** A seed step: runs once per database, in one transaction, recorded in `hub_seed_runs`. */
export interface Seed {
  /** Stable name; renaming it makes the seed run again. */
  name: string;
  run(em: EntityManager, logger: Logger): Promise<void>;
}

export interface OrmOptions {
  clientUrl: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  logger: Logger;
  poolMax?: number;
  /** Called for every SQL statement this ORM sends (after the per-request tally). */
  onStatement?: () => void;
  /**
   * Session limits PostgreSQL enforces on every pooled connection (0 = none). A serving subgraph sets them so
   * that one runaway statement or a transaction left open cannot hold a connection of its pool for ever;
   * command-line tools (a million-row import) run without.
   */
  timeouts?: DatabaseTimeouts;
}

export interface DatabaseTimeouts {
  /** `statement_timeout`: longest a statement may run, in milliseconds. */
  statementMs: number;
  /** `idle_in_transaction_session_timeout`: longest a transaction may sit idle, in milliseconds. */
  idleInTransactionMs: number;
}

/** What a serving subgraph's connections get (`startSubgraph`). */
export const SERVING_DATABASE_TIMEOUTS: Readonly<DatabaseTimeouts> = {
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

export async function initOrm(options: OrmOptions): Promise<MikroORM<PostgreSqlDriver>> {
  return MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.clientUrl,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    ...(options.timeouts
      ? {
          driverOptions: {
            connection: {
              statement_timeout: options.timeouts.statementMs,
              idle_in_transaction_session_timeout: options.timeouts.idleInTransactionMs,
            },
          },
        }
      : {}),
    allowGlobalContext: false,
    debug: false,
    logger: (message) => options.logger.debug({ orm: true }, message),
    onQuery: (sql) => {
      recordSqlStatement();
      options.onStatement?.();
      return sql;
    },
  });
}

/** A lock id per database so replicas starting together migrate and seed one after the other. */
const MIGRATION_LOCK_SQL = "SELECT pg_advisory_lock(hashtext('hub:migrate:' || current_database()))";

/**
 * Applies pending migrations, then the seeds that have not run on this database yet. Runs under a
 * PostgreSQL advisory lock, so starting several replicas at once neither migrates nor seeds twice.
 */
export async function migrateAndSeed(
  orm: MikroORM<PostgreSqlDriver>,
  clientUrl: string,
  seeds: Seed[],
  logger: Logger,
): Promise<void> {
  const lock = new Client({ connectionString: clientUrl });
  // a connection cut while migrations run fails them through their own queries; not an uncaught 'error'
  lock.on('error', (error) => logger.warn({ err: error }, 'migration lock connection lost'));
  await lock.connect();
  try {
    await lock.query(MIGRATION_LOCK_SQL);
    const applied = await orm.getMigrator().up();
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    await orm.em.getConnection().execute(
      `CREATE TABLE IF NOT EXISTS hub_seed_runs (
         name text PRIMARY KEY,
         ran_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    for (const seed of seeds) {
      await orm.em.fork().transactional(async (em) => {
        const done = await em.execute('SELECT 1 FROM hub_seed_runs WHERE name = ?', [seed.name]);
        if (done.length) return;
        const started = Date.now();
        await seed.run(em, logger);
        await em.flush();
        await em.execute('INSERT INTO hub_seed_runs (name) VALUES (?)', [seed.name]);
        logger.info({ seed: seed.name, ms: Date.now() - started }, 'seeded');
      });
    }
  } finally {
    await lock.end(); // ends the session, which releases the advisory lock
  }
}

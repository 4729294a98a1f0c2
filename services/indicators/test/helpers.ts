import { databaseUrl } from '@hub/kit';
import { sqlOn, startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { subgraph } from '../src/subgraph';

/** An indicators subgraph on port 0 with its own freshly migrated and seeded database. */
export function startIndicators(): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'));
}

/** Runs SQL directly against the subgraph's database (to check what was, or was not, written); `?` placeholders. */
export function sql<T = Record<string, unknown>>(
  subgraph: TestSubgraph,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return sqlOn<T>(subgraph, text, params);
}

/** The header row of the shipped Eurostat extract, for the files import tests write. */
export const EXTRACT_HEADER =
  'nuts_id,country_code,region_name,population_15_64_ths,foreign_born_15_64_ths,foreign_born_share_pct,non_eu_born_share_pct,foreign_citizen_share_pct,employment_rate_native_born_pct,employment_rate_foreign_born_pct,employment_gap_pp,unemployment_rate_native_born_pct,unemployment_rate_foreign_born_pct,net_migration_per_1000';

/** What an import test file works on: see {@link useImportDatabase}. */
export interface ImportDatabase {
  /** The subgraph (its own database: only the seeded extract before the file's imports). */
  readonly indicators: TestSubgraph;
  /** A connection to that database: the import runs through a client, as the `import` command does. */
  readonly client: Client;
  /** The `n` of a `SELECT count(*) AS n …`. */
  count(sql: string): Promise<number>;
}

/** Starts an indicators subgraph and a client on its database before the file's tests, and stops both after. */
export function useImportDatabase(): ImportDatabase {
  let indicators: TestSubgraph | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    indicators = await startTestSubgraph(subgraph, inject('databaseServerUrl'));
    client = new Client({
      connectionString: databaseUrl(inject('databaseServerUrl'), indicators.databaseName),
    });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await indicators?.stop();
  });
  return {
    get indicators() {
      if (!indicators) throw new Error('the indicators subgraph is not started yet (use it inside a test)');
      return indicators;
    },
    get client() {
      if (!client) throw new Error('the database client is not connected yet (use it inside a test)');
      return client;
    },
    async count(sql) {
      return Number((await this.client.query<{ n: string }>(sql)).rows[0]!.n);
    },
  };
}

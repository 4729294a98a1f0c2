import { databaseUrl } from '@hub/kit';
import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { Client } from 'pg';
import { inject } from 'vitest';
import { indicatorsSubgraph } from '../src/indicators.subgraph';

/** An indicators subgraph on port 0 with its own freshly migrated and seeded database. */
export function startIndicators(): Promise<TestSubgraph> {
  return startTestSubgraph(indicatorsSubgraph, inject('databaseServerUrl'));
}

/** Runs SQL directly against the subgraph's database (to check what was, or was not, written). */
export async function sql<T = Record<string, unknown>>(
  subgraph: TestSubgraph,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({
    connectionString: databaseUrl(inject('databaseServerUrl'), subgraph.databaseName),
  });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

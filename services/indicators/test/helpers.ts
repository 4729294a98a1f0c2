import { sqlOn, startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
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

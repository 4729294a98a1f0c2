import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
import { subgraph } from '../src/subgraph';

/** A regions subgraph on port 0 with its own freshly migrated and seeded database. */
export function startRegions(): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'));
}

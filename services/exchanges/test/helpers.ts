import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
import { subgraph } from '../src';

/** The exchanges subgraph on port 0 with its own freshly migrated database (no regions peer unless given). */
export function startExchanges(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');

/** A valid `createProgramme` input, with changes. */
export function createProgrammeInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), title: 'Welcome desk for newcomers', region: 'FR10', ...changes };
}

export const PROGRAMME_FIELDS = /* GraphQL */ `
  id
  title
  version
  region {
    code
  }
  organisation {
    id
  }
`;

export const CREATE = /* GraphQL */ `
  mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { ${PROGRAMME_FIELDS} } }
`;

export const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { ${PROGRAMME_FIELDS} } }
`;

import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
import { subgraph } from '../src';

/** The __name__ subgraph on port 0 with its own freshly migrated database (no regions peer unless given). */
export function start__Name__(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');

/** A valid `create__Entity__` input, with changes. */
export function create__Entity__Input(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), title: 'Welcome desk for newcomers', region: 'FR10', ...changes };
}

export const __ENTITY___FIELDS = /* GraphQL */ `
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
  mutation ($input: Create__Entity__Input!) { create__Entity__(input: $input) { ${__ENTITY___FIELDS} } }
`;

export const UPDATE = /* GraphQL */ `
  mutation ($input: Update__Entity__Input!) { update__Entity__(input: $input) { ${__ENTITY___FIELDS} } }
`;

import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
import { subgraph } from '../src';

/** The library subgraph on port 0 with its own freshly migrated database (no regions peer unless given). */
export function startLibrary(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');

/** A valid `createResource` input, with changes. */
export function createResourceInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), title: 'Welcome desk for newcomers', region: 'FR10', ...changes };
}

export const RESOURCE_FIELDS = /* GraphQL */ `
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
  mutation ($input: CreateResourceInput!) { createResource(input: $input) { ${RESOURCE_FIELDS} } }
`;

export const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateResourceInput!) { updateResource(input: $input) { ${RESOURCE_FIELDS} } }
`;

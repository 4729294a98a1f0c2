import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { expect, inject } from 'vitest';
import { subgraph } from '../src';

/** The library subgraph on port 0 with its own freshly migrated database (no peers unless given). */
export function startLibrary(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const cpmrEditor = testCaller('cpmr', ['editor'], 'editor-cpmr');
export const cpmrModerator = testCaller('cpmr', ['moderator'], 'moderator-cpmr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');
export const admin = testCaller('ec-dg-home', ['admin'], 'admin-1');

/** A valid `createResource` input (a French good practice in Île-de-France), with changes. */
export function createResourceInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    kind: 'GOOD_PRACTICE',
    language: 'fr',
    title: 'Guichet d’accueil des réfugiés à Paris',
    summary: 'Un guichet unique pour les personnes réfugiées nouvellement arrivées.',
    body: 'Le guichet **oriente** vers le logement et l’emploi.',
    publishedOn: '2025-06-30',
    territories: ['FR10'],
    policyAreas: ['HOUSING'],
    ...changes,
  };
}

export const RESOURCE_FIELDS = /* GraphQL */ `
  id
  kind
  status
  language
  title
  version
  publishedOn
  territories {
    code
  }
  publisher {
    id
  }
`;

export const CREATE = /* GraphQL */ `
  mutation ($input: CreateResourceInput!) { createResource(input: $input) { ${RESOURCE_FIELDS} } }
`;
export const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateResourceInput!) { updateResource(input: $input) { ${RESOURCE_FIELDS} } }
`;
export const PUBLISH = /* GraphQL */ `
  mutation ($input: PublishResourceInput!) { publishResource(input: $input) { ${RESOURCE_FIELDS} } }
`;
export const ARCHIVE = /* GraphQL */ `
  mutation ($input: ArchiveResourceInput!) { archiveResource(input: $input) { ${RESOURCE_FIELDS} } }
`;

export interface ResourceData {
  id: string;
  version: number;
  status: string;
}

/** Creates a resource as `caller` (CPMR contributor by default) and checks it worked. */
export async function createResource(
  library: TestSubgraph,
  changes: Record<string, unknown> = {},
  caller = cpmrContributor,
): Promise<ResourceData> {
  const { body } = await library.query<{ createResource: ResourceData }>(
    CREATE,
    { input: createResourceInput(changes) },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createResource;
}

/** Creates and publishes a resource (publisher CPMR unless `editor` says otherwise). */
export async function publishedResource(
  library: TestSubgraph,
  changes: Record<string, unknown> = {},
  editor = cpmrEditor,
): Promise<ResourceData> {
  const created = await createResource(library, changes, editor);
  const { body } = await library.query<{ publishResource: ResourceData }>(
    PUBLISH,
    { input: { id: created.id, version: created.version } },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.publishResource;
}

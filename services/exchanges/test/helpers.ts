import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import {
  countRowsOn,
  sqlOn,
  startTestSubgraph,
  testCaller,
  type GraphQLErrorLike,
  type TestSubgraph,
} from '@hub/kit/testing';
import { expect, inject } from 'vitest';
import { subgraph } from '../src';
import { programmeInput } from '../src/testing';

/** The exchanges subgraph on port 0 with its own freshly migrated database (peers as given: none by default). */
export function startExchanges(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(subgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

/** The organiser (CoR), the mentor (AER), the mentee (CEMR), a fourth organisation (Eurocities) and an admin. */
export const corEditor = testCaller('cor', ['editor'], 'editor-cor');
export const corContributor = testCaller('cor', ['contributor'], 'contributor-cor');
export const aerContributor = testCaller('aer', ['contributor'], 'contributor-aer');
export const cemrContributor = testCaller('cemr', ['contributor'], 'contributor-cemr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');
export const admin = testCaller('ec-dg-home', ['admin'], 'admin-1');

export { programmeInput };

export const PROGRAMME_FIELDS = /* GraphQL */ `
  id kind title description descriptionHtml policyAreas languages applicationsOpenAt applicationsCloseAt
  startsOn endsOn places status version organiser { id }
`;

export const APPLICATION_FIELDS = /* GraphQL */ `
  id role status version languages areas { policyArea text }
  programme { id } organisation { id } territory { code }
`;

export const PAIRING_FIELDS = /* GraphQL */ `
  id status version policyAreas
  mentor { side acceptedAt organisation { id } territory { code } }
  mentee { side acceptedAt organisation { id } territory { code } }
`;

export interface Record_ {
  id: string;
  version: number;
  status: string;
  [field: string]: unknown;
}

/** Runs one mutation and fails the test on any error; returns the field's value. */
export async function mutate(
  subgraph: TestSubgraph,
  name: string,
  input: Record<string, unknown>,
  caller = corEditor,
  fields = 'id status version',
): Promise<Record_> {
  const typeName = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const { body } = await subgraph.query<Record<string, Record_>>(
    `mutation ($input: ${typeName}!) { ${name}(input: $input) { ${fields} } }`,
    { input },
    caller,
  );
  expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data![name]!;
}

/** Runs one mutation expected to fail; returns its errors. */
export async function refused(
  subgraph: TestSubgraph,
  name: string,
  input: Record<string, unknown>,
  caller: Parameters<TestSubgraph['query']>[2],
): Promise<readonly GraphQLErrorLike[]> {
  const typeName = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const { body } = await subgraph.query(
    `mutation ($input: ${typeName}!) { ${name}(input: $input) { id } }`,
    { input },
    caller,
  );
  expect(body.errors, `${name} should be refused`).toBeDefined();
  return body.errors as readonly GraphQLErrorLike[];
}

/** The code and extensions of the first error. */
export function errorOf(errors: readonly GraphQLErrorLike[] | undefined): Record<string, unknown> {
  expect(errors, 'an error').toBeDefined();
  return errors![0]!.extensions ?? {};
}

/** A CoR programme with its call open. */
export async function openProgramme(
  subgraph: TestSubgraph,
  changes: Record<string, unknown> = {},
): Promise<Record_> {
  const draft = await mutate(subgraph, 'createProgramme', programmeInput(changes));
  return mutate(subgraph, 'openProgrammeCall', { id: draft.id, version: draft.version });
}

/** A submitted application. */
export function apply(
  subgraph: TestSubgraph,
  programme: { id: string },
  caller: Parameters<typeof mutate>[3],
  changes: Record<string, unknown>,
): Promise<Record_> {
  return mutate(
    subgraph,
    'createApplication',
    {
      idempotencyKey: randomUUID(),
      programme: programme.id,
      territory: 'AT13',
      role: 'MENTEE',
      areas: [{ policyArea: 'EMPLOYMENT_AND_SKILLS', text: 'Recognition of qualifications' }],
      languages: ['en'],
      ...changes,
    },
    caller,
  );
}

/** An open programme with a mentor application of AER (AT12) and a mentee application of CEMR (AT13), proposed as a pairing. */
export async function proposedPairing(subgraph: TestSubgraph) {
  const programme = await openProgramme(subgraph);
  const mentor = await apply(subgraph, programme, aerContributor, { territory: 'AT12', role: 'MENTOR' });
  const mentee = await apply(subgraph, programme, cemrContributor, { territory: 'AT13', role: 'MENTEE' });
  const pairing = await mutate(subgraph, 'createPairing', {
    idempotencyKey: randomUUID(),
    mentorApplication: mentor.id,
    menteeApplication: mentee.id,
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
  });
  return { programme, mentor, mentee, pairing };
}

/** Rows written so far, to prove a refused write wrote nothing. */
export async function written(subgraph: TestSubgraph) {
  const tables = ['programme', 'application', 'pairing', 'pairing_feedback', 'hub_audit_log'];
  return Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await countRowsOn(subgraph, t)] as const)),
  );
}

/** The stored row of a pairing and the number of audit records: what a refused move must leave unchanged. */
export async function pairingState(subgraph: TestSubgraph, id: string) {
  const [row] = await sqlOn(subgraph, 'SELECT * FROM pairing WHERE id = ?', [id]);
  return { row, audit: await countRowsOn(subgraph, 'hub_audit_log') };
}

import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { programmeInput as baseProgrammeInput } from '@hub/exchanges/testing';
import { expect } from 'vitest';
import type { TestHub } from './harness';

/**
 * Exchanges (issue 15) set-up through the real gateway: the CoR organises (editor), AER applies as mentor for
 * Niederösterreich (AT12), CEMR as mentee for Wien (AT13), Eurocities is the fourth organisation.
 */

/** The pairingChanged topic on the exchanges subgraph's bus. */
export const PAIRING_CHANGED_TOPIC = 'exchanges.pairingChanged';

/** Sends a typed document through the gateway and fails the test on any error. */
export async function ok<TData, TVariables extends Record<string, unknown>>(
  hub: TestHub,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables: TVariables,
  token?: string,
): Promise<TData> {
  const { body } = await hub.query<TData, TVariables>(document, variables, token);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  // the gateway reports a null in a non-null field of another subgraph here, not in `errors`
  expect(body.extensions?.valueCompletion, JSON.stringify(body.extensions)).toBeUndefined();
  return body.data!;
}

/** Sends a mutation expected to fail; returns the first error's extensions. */
export async function refusedThrough(
  hub: TestHub,
  document: TypedDocumentNode<unknown, { input: never }>,
  input: Record<string, unknown>,
  token: string,
): Promise<Record<string, unknown>> {
  const { body } = await hub.query(document, { input: input as never }, token);
  expect(body.errors, 'refused').toBeDefined();
  return body.errors![0]!.extensions ?? {};
}

/**
 * A valid `createProgramme` input (a CoR mentoring programme whose call runs for 30 days, in German and English on
 * employment, which the applications below fit), with `changes`.
 */
export function programmeInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return baseProgrammeInput({
    description: 'Regions with a **smaller** employment gap mentor others.',
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
    languages: ['de', 'en'],
    ...changes,
  });
}

/** A valid `createApplication` input. */
export function applicationInput(
  programme: string,
  territory: string,
  role: 'MENTOR' | 'MENTEE',
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    programme,
    territory,
    role,
    areas: [
      {
        policyArea: 'EMPLOYMENT_AND_SKILLS',
        text: role === 'MENTOR' ? 'Job coaching' : 'Jobs for newcomers',
      },
    ],
    languages: ['de'],
    ...changes,
  };
}

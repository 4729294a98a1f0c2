import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { countRowsOn, sqlOn, startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { expect, inject } from 'vitest';
import { subgraph as eventsSubgraph } from '../src';

/** An events subgraph on port 0 with its own freshly migrated and seeded database (no regions peer). */
export function startEvents(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(eventsSubgraph, inject('databaseServerUrl'), { logLevel: 'error', ...overrides });
}

/** SQL against the subgraph's database through its own ORM (`?` placeholders): the kit's `sqlOn`. */
export const sql = sqlOn;

/** Rows in a table of the subgraph's database: the kit's `countRowsOn`. */
export const count = countRowsOn;

export const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
export const cpmrEditor = testCaller('cpmr', ['editor'], 'editor-cpmr');
export const cpmrModerator = testCaller('cpmr', ['moderator'], 'moderator-cpmr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');
export const admin = testCaller('cor', ['admin'], 'admin-1');

/** A valid `createEvent` input (an in-person workshop in Bretagne), with changes. */
export function eventInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    title: 'Workshop on community sponsorship',
    summary: 'Regions exchange experience with community sponsorship schemes.',
    description: 'Bring your **questions**.',
    kind: 'WORKSHOP',
    strand: 'CAPACITY_BUILDING',
    policyAreas: ['HOUSING', 'PARTNERSHIPS'],
    startsAt: '2030-05-06T09:30:00+02:00',
    endsAt: '2030-05-06T17:00:00+02:00',
    timeZone: 'Europe/Paris',
    format: 'IN_PERSON',
    venue: {
      name: 'Hôtel de Région',
      address: '283 avenue du Général Patton',
      city: 'Rennes',
      isoCountryCode: 'FR',
    },
    hostRegions: ['FRH03'],
    organisers: ['cpmr'],
    languages: ['en', 'fr'],
    publish: true,
    ...changes,
  };
}

export const EVENT_FIELDS = /* GraphQL */ `
  id
  title
  summary
  description
  descriptionHtml
  kind
  strand
  policyAreas
  startsAt
  endsAt
  timeZone
  allDay
  format
  venue {
    name
    address
    city
    isoCountryCode
  }
  onlineUrl
  status
  cancellationReason
  languages
  registrationUrl
  capacity
  sourceUrl
  version
  createdAt
  updatedAt
  hostRegions {
    code
  }
  organisers {
    id
  }
  createdBy {
    id
  }
`;

export const CREATE = /* GraphQL */ `
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      ${EVENT_FIELDS}
    }
  }
`;

export interface EventData {
  id: string;
  title: string;
  description: string;
  descriptionHtml: string;
  status: string;
  version: number;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  hostRegions: Array<{ code: string }>;
  organisers: Array<{ id: string }>;
  createdBy: { id: string };
  [field: string]: unknown;
}

/** Creates an event and fails the test on any error. */
export async function createEvent(
  subgraph: TestSubgraph,
  changes: Record<string, unknown> = {},
  caller = cpmrContributor,
): Promise<EventData> {
  const { body } = await subgraph.query<{ createEvent: EventData }>(
    CREATE,
    { input: eventInput(changes) },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createEvent;
}

/** The one BAD_USER_INPUT shape (`fieldErrors` at a path, no `argumentName`): the kit's assertion. */
export { expectFieldError } from '@hub/kit/testing';

/**
 * Test setup: every organisation the events name has accepted (as partners do with `acceptOrganiserRole`,
 * which organiser-consent.test.ts covers), so lists and filters see all of them as organisers.
 */
export async function acceptEveryOrganiserRole(subgraph: TestSubgraph): Promise<void> {
  await sqlOn(subgraph, 'UPDATE event_organiser SET accepted = true WHERE NOT accepted');
}

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  CreateApplicationDocument,
  CreateLibraryResourceDocument,
  CreateProgrammeDocument,
  OpenProgrammeCallDocument,
  PublishLibraryResourceDocument,
} from '@hub/codegen';
import { readErrorExtensions } from '@hub/gateway';
import { KIT_ERROR_EXTENSIONS } from '@hub/kit';
import { subscribeForTest } from '@hub/kit/testing';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/hub';
import {
  answersFor,
  CREATE_RESPONSE,
  openConsultation,
  responseInput,
  transition,
  type ConsultationRef,
} from './dialogue-fixtures';
import { applicationInput, programmeInput } from './exchanges-fixtures';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 10, item 6: every error extension a subgraph declares reaches a client through the real gateway, and
 * nothing else does. The list comes from the generated `schema/error-extensions.json` (each subgraph's
 * `errorExtensions` plus the kit's `KIT_ERROR_EXTENSIONS`), so a newly declared extension fails here until a
 * request below drives it: add one to `TRIGGERS`.
 */
const DECLARED = readErrorExtensions(path.join(REPO_ROOT, 'schema', 'error-extensions.json')).extensions;

interface ClientError {
  message: string;
  path?: unknown[];
  extensions?: Record<string, unknown>;
}

/** A real request that makes `subgraph` answer an error carrying `extensions` (besides `code`). */
interface Trigger {
  subgraph: string;
  what: string;
  code: string;
  /** The declared extensions the client must see, with their values (`expect.any(…)` where they vary). */
  extensions: Record<string, unknown>;
  run(): Promise<ClientError[] | undefined>;
}

let hub: TestHub;
/** A contributor of CPMR, with a subject of its own (the forum's posting rate counts per author). */
const contributor = (subject = `contributor-${randomUUID()}`) =>
  hub.token('cpmr', ['contributor'], { subject });

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

/** Sends `query` and returns its data, failing on any error (for the set-up steps). */
async function ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const { body } = await hub.query<T, Record<string, unknown>>(query, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function errorsOf(query: string, variables: Record<string, unknown>, token?: string) {
  const { body } = await hub.query<unknown, Record<string, unknown>>(query, variables, token);
  return body.errors as ClientError[] | undefined;
}

const CREATE_EVENT = /* GraphQL */ `
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
      version
      status
    }
  }
`;
const PUBLISH_EVENT = /* GraphQL */ `
  mutation ($input: PublishEventInput!) {
    publishEvent(input: $input) {
      id
      version
      status
    }
  }
`;
const UPDATE_EVENT = /* GraphQL */ `
  mutation ($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      id
      version
    }
  }
`;
const START_THREAD = /* GraphQL */ `
  mutation ($input: StartThreadInput!) {
    startThread(input: $input) {
      id
      version
      openingPost {
        id
        version
      }
    }
  }
`;
const REPLY = /* GraphQL */ `
  mutation ($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`;
const EDIT_POST = /* GraphQL */ `
  mutation ($input: EditPostInput!) {
    editPost(input: $input) {
      id
      version
    }
  }
`;
const RECORD_OBSERVATIONS = /* GraphQL */ `
  mutation ($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      __typename
    }
  }
`;
const CREATE_ORGANISATION = /* GraphQL */ `
  mutation ($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      version
    }
  }
`;
const UPDATE_ORGANISATION = /* GraphQL */ `
  mutation ($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      version
    }
  }
`;

function eventInput(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    title: 'Error extensions workshop',
    summary: 'An event the error-extension test writes.',
    kind: 'WORKSHOP',
    startsAt: '2027-09-01T08:00:00Z',
    endsAt: '2027-09-01T11:00:00Z',
    timeZone: 'Europe/Paris',
    format: 'ONLINE',
    onlineUrl: 'https://example.org/meeting',
    hostRegions: ['FRH03'],
    organisers: ['cpmr'],
    ...overrides,
  };
}

type EventRef = { id: string; version: number; status: string };

/** A new event of CPMR (a draft unless `publish: true`). */
async function newEvent(token: string, overrides: Record<string, unknown> = {}): Promise<EventRef> {
  return (await ok<{ createEvent: EventRef }>(CREATE_EVENT, { input: eventInput(overrides) }, token))
    .createEvent;
}

type ThreadRef = { id: string; version: number; openingPost: { id: string; version: number } };

async function startThread(token: string, overrides: Record<string, unknown> = {}): Promise<ThreadRef> {
  const input = {
    idempotencyKey: randomUUID(),
    title: 'Error extensions thread',
    body: 'Opening post.',
    regions: ['FRH0'],
    ...overrides,
  };
  return (await ok<{ startThread: ThreadRef }>(START_THREAD, { input }, token)).startThread;
}

function observation(overrides: Record<string, unknown> = {}) {
  return {
    indicator: 'employment_rate_20_64',
    region: 'AT13',
    period: 2021,
    breakdown: 'FOREIGN_BORN',
    value: 71.5,
    ...overrides,
  };
}

const TRIGGERS: Trigger[] = [
  {
    subgraph: 'events',
    what: 'a second publishEvent of the same event',
    code: 'CONFLICT',
    extensions: { currentStatus: 'PUBLISHED' },
    async run() {
      const token = await contributor();
      const draft = await newEvent(token);
      const { publishEvent } = await ok<{ publishEvent: EventRef }>(
        PUBLISH_EVENT,
        { input: { id: draft.id, version: draft.version } },
        token,
      );
      expect(publishEvent.status).toBe('PUBLISHED');
      return errorsOf(PUBLISH_EVENT, { input: { id: draft.id, version: publishEvent.version } }, token);
    },
  },
  {
    subgraph: 'events',
    what: 'updateEvent with a stale version',
    code: 'CONFLICT',
    extensions: { currentVersion: expect.any(Number) },
    async run() {
      const token = await contributor();
      const draft = await newEvent(token);
      await ok(UPDATE_EVENT, { input: { id: draft.id, version: draft.version, title: 'Renamed' } }, token);
      return errorsOf(
        UPDATE_EVENT,
        { input: { id: draft.id, version: draft.version, title: 'Again' } },
        token,
      );
    },
  },
  {
    subgraph: 'events',
    what: 'createEvent with an empty title',
    code: 'BAD_USER_INPUT',
    extensions: { fieldErrors: [{ path: 'input.title', messages: [expect.any(String)] }] },
    async run() {
      return errorsOf(CREATE_EVENT, { input: eventInput({ title: '   ' }) }, await contributor());
    },
  },
  {
    subgraph: 'events',
    what: 'createEvent hosted in a region nobody knows',
    code: 'BAD_USER_INPUT',
    extensions: {
      unknownKeys: ['XX99'],
      fieldErrors: [{ path: 'input.hostRegions[1]', messages: [expect.stringContaining('XX99')] }],
    },
    async run() {
      return errorsOf(
        CREATE_EVENT,
        { input: eventInput({ hostRegions: ['FRH03', 'XX99'] }) },
        await contributor(),
      );
    },
  },
  {
    subgraph: 'forum',
    what: 'a second discussion thread for one event',
    code: 'CONFLICT',
    extensions: { existingId: expect.any(String) },
    async run() {
      const token = await contributor();
      // the forum asks events anonymously, and only published (or cancelled) events can have a discussion
      const event = await newEvent(token, { publish: true });
      const first = await startThread(token, { event: event.id });
      const errors = await errorsOf(
        START_THREAD,
        { input: { idempotencyKey: randomUUID(), title: 'Again', body: 'Second thread.', event: event.id } },
        token,
      );
      expect(errors?.[0]?.extensions?.existingId).toBe(first.id);
      return errors;
    },
  },
  {
    subgraph: 'forum',
    what: 'posting faster than the posting rate',
    code: 'RATE_LIMITED',
    extensions: { retryAfterSeconds: expect.any(Number) },
    async run() {
      const token = await contributor();
      const thread = await startThread(token);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const errors = await errorsOf(
          REPLY,
          { input: { idempotencyKey: randomUUID(), thread: thread.id, body: `Reply ${attempt}` } },
          token,
        );
        if (errors) return errors;
      }
      throw new Error('100 replies in a row were not rate limited');
    },
  },
  {
    subgraph: 'forum',
    what: 'editPost with a stale version',
    code: 'CONFLICT',
    extensions: { currentVersion: expect.any(Number) },
    async run() {
      const token = await contributor();
      const { openingPost } = await startThread(token);
      const edit = (body: string) => ({ input: { id: openingPost.id, version: openingPost.version, body } });
      await ok(EDIT_POST, edit('Edited once.'), token);
      return errorsOf(EDIT_POST, edit('Edited twice.'), token);
    },
  },
  {
    subgraph: 'forum',
    what: 'startThread about a region nobody knows',
    code: 'BAD_USER_INPUT',
    extensions: {
      unknownKeys: ['XX99'],
      fieldErrors: [{ path: 'input.regions[0]', messages: [expect.stringContaining('XX99')] }],
    },
    async run() {
      return errorsOf(
        START_THREAD,
        { input: { idempotencyKey: randomUUID(), title: 'Nowhere', body: 'Where?', regions: ['XX99'] } },
        await contributor(),
      );
    },
  },
  {
    subgraph: 'indicators',
    what: 'recordObservations over an existing value without its version',
    code: 'CONFLICT',
    extensions: { row: 0, currentVersion: 1 },
    async run() {
      const token = await contributor();
      const input = () => ({ idempotencyKey: randomUUID(), observations: [observation()] });
      await ok(RECORD_OBSERVATIONS, { input: input() }, token);
      return errorsOf(RECORD_OBSERVATIONS, { input: input() }, token);
    },
  },
  {
    subgraph: 'indicators',
    what: 'recordObservations with a percentage above 100',
    code: 'BAD_USER_INPUT',
    extensions: {
      fieldErrors: [{ path: 'input.observations[1].value', messages: [expect.any(String)] }],
    },
    async run() {
      const observations = [observation({ period: 2022 }), observation({ period: 2023, value: 140 })];
      return errorsOf(
        RECORD_OBSERVATIONS,
        { input: { idempotencyKey: randomUUID(), observations } },
        await contributor(),
      );
    },
  },
  {
    subgraph: 'regions',
    what: 'updateOrganisation with a stale version',
    code: 'CONFLICT',
    extensions: { currentVersion: expect.any(Number) },
    async run() {
      const token = await hub.token('cpmr', ['editor']);
      const { organisation } = await ok<{ organisation: { version: number } }>(
        'query { organisation(id: "cpmr") { version } }',
        {},
      );
      const update = (description: string) => ({
        input: { id: 'cpmr', version: organisation.version, description },
      });
      await ok(UPDATE_ORGANISATION, update('Updated by the error-extension test.'), token);
      return errorsOf(UPDATE_ORGANISATION, update('Updated twice.'), token);
    },
  },
  {
    subgraph: 'regions',
    what: 'createOrganisation with a website that is not a URL',
    code: 'BAD_USER_INPUT',
    extensions: { fieldErrors: [{ path: 'input.websiteUrl', messages: [expect.any(String)] }] },
    async run() {
      const input = {
        idempotencyKey: randomUUID(),
        id: 'error-extensions-org',
        name: 'Error extensions',
        kind: 'CITY',
        websiteUrl: 'not a url',
        description: 'An organisation the error-extension test tries to create.',
      };
      return errorsOf(CREATE_ORGANISATION, { input }, await hub.token('cor', ['admin']));
    },
  },
  {
    subgraph: 'dialogue',
    what: 'a second closeConsultation of the same consultation',
    code: 'CONFLICT',
    extensions: { currentStatus: 'CLOSED' },
    async run() {
      const closed = await transition(hub, 'closeConsultation', await openConsultation(hub));
      expect(closed.status).toBe('CLOSED');
      return errorsOf(
        `mutation ($id: ID!, $version: Int!) { closeConsultation(input: { id: $id, version: $version }) { id } }`,
        { id: closed.id, version: closed.version },
        await hub.token('cor', ['editor']),
      );
    },
  },
  {
    subgraph: 'dialogue',
    what: 'createResponse after closesAt',
    code: 'CONFLICT',
    extensions: { closesAt: expect.any(String), currentStatus: 'OPEN' },
    async run() {
      const closesAt = Date.now() + 3_000;
      const open = await openConsultation(hub, { closesAt: new Date(closesAt).toISOString() });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now()) + 500));
      return respondTo(open, 'EL41', 'cpmr-islands-commission');
    },
  },
  {
    subgraph: 'dialogue',
    what: 'createResponse to an OPEN consultation whose opensAt is ahead',
    code: 'CONFLICT',
    extensions: { opensAt: expect.any(String), currentStatus: 'OPEN' },
    async run() {
      const opensAt = new Date(Date.now() + 86_400_000).toISOString();
      const open = await openConsultation(hub, { opensAt });
      expect(open.status).toBe('OPEN');
      return respondTo(open, 'EL41', 'cpmr-islands-commission');
    },
  },
  {
    subgraph: 'dialogue',
    what: 'a second response of one organisation for one territory',
    code: 'CONFLICT',
    extensions: { existingId: expect.any(String) },
    async run() {
      const open = await openConsultation(hub);
      const token = await hub.token('aer', ['contributor']);
      const { createResponse } = await ok<{ createResponse: { id: string } }>(
        CREATE_RESPONSE,
        { input: responseInput(open, 'EL42', answersFor(open, { scale: 2 })) },
        token,
      );
      const errors = await respondTo(open, 'EL42', 'aer');
      expect(errors?.[0]?.extensions?.existingId).toBe(createResponse.id);
      return errors;
    },
  },
  {
    subgraph: 'library',
    what: 'a second publishResource of the same resource',
    code: 'CONFLICT',
    extensions: { currentStatus: 'PUBLISHED' },
    async run() {
      const editor = await hub.token('cpmr', ['editor']);
      const { createResource: draft } = await ok<{ createResource: { id: string; version: number } }>(
        print(CreateLibraryResourceDocument),
        {
          input: {
            idempotencyKey: randomUUID(),
            kind: 'GOOD_PRACTICE',
            language: 'en',
            title: 'A welcome desk for newcomers',
            summary: 'How one region opened a single desk for every first step.',
            publishedOn: '2026-11-30',
            territories: ['EL43'],
            policyAreas: ['HOUSING'],
          },
        },
        editor,
      );
      const publish = print(PublishLibraryResourceDocument);
      const { publishResource } = await ok<{ publishResource: { id: string; version: number } }>(
        publish,
        { input: { id: draft.id, version: draft.version } },
        editor,
      );
      return errorsOf(
        publish,
        { input: { id: publishResource.id, version: publishResource.version } },
        editor,
      );
    },
  },
  {
    subgraph: 'exchanges',
    what: 'a second openProgrammeCall of the same programme',
    code: 'CONFLICT',
    extensions: { currentStatus: 'CALL_OPEN' },
    async run() {
      const organiser = await hub.token('cor', ['editor']);
      const open = await openProgramme(organiser);
      return errorsOf(
        print(OpenProgrammeCallDocument),
        { input: { id: open.id, version: open.version } },
        organiser,
      );
    },
  },
  {
    subgraph: 'exchanges',
    what: 'a second application of one organisation for one territory and role',
    code: 'CONFLICT',
    extensions: { existingId: expect.any(String) },
    async run() {
      const open = await openProgramme(await hub.token('cor', ['editor']));
      const applicant = await hub.token('aer', ['contributor']);
      const apply = print(CreateApplicationDocument);
      const { createApplication } = await ok<{ createApplication: { id: string } }>(
        apply,
        { input: applicationInput(open.id, 'AT13', 'MENTEE') },
        applicant,
      );
      const errors = await errorsOf(apply, { input: applicationInput(open.id, 'AT13', 'MENTEE') }, applicant);
      expect(errors?.[0]?.extensions?.existingId).toBe(createApplication.id);
      return errors;
    },
  },
  {
    subgraph: 'dialogue',
    what: 'createResponse for a territory nobody knows',
    code: 'BAD_USER_INPUT',
    extensions: {
      unknownKeys: ['EL99'],
      fieldErrors: [{ path: 'input.territory', messages: [expect.stringContaining('EL99')] }],
    },
    async run() {
      return respondTo(await openConsultation(hub), 'EL99', 'cemr');
    },
  },
];

/** A programme of the CoR whose call is open (created and opened by `organiser`, an editor of the CoR). */
async function openProgramme(organiser: string): Promise<{ id: string; version: number }> {
  const { createProgramme } = await ok<{ createProgramme: { id: string; version: number } }>(
    print(CreateProgrammeDocument),
    { input: programmeInput() },
    organiser,
  );
  const { openProgrammeCall } = await ok<{ openProgrammeCall: { id: string; version: number } }>(
    print(OpenProgrammeCallDocument),
    { input: { id: createProgramme.id, version: createProgramme.version } },
    organiser,
  );
  return openProgrammeCall;
}

/** A `createResponse` (scale 3) by a contributor of `organisation`: its errors. */
async function respondTo(consultation: ConsultationRef, territory: string, organisation: string) {
  return errorsOf(
    CREATE_RESPONSE,
    { input: responseInput(consultation, territory, answersFor(consultation, { scale: 3 })) },
    await hub.token(organisation, ['contributor']),
  );
}

/** Which subgraphs must drive a declared extension: all that declare it; the kit's own in one at least. */
function uncovered(): string[] {
  const missing: string[] = [];
  for (const [name, { subgraphs }] of Object.entries(DECLARED)) {
    const driven = new Set(TRIGGERS.filter((t) => name in t.extensions).map((t) => t.subgraph));
    if (name in KIT_ERROR_EXTENSIONS) {
      if (!subgraphs.some((subgraph) => driven.has(subgraph))) missing.push(`${name} (kit, any subgraph)`);
    } else {
      for (const subgraph of subgraphs) if (!driven.has(subgraph)) missing.push(`${name} of ${subgraph}`);
    }
  }
  return missing;
}

describe('declared error extensions through the gateway', () => {
  it('has a request below for every declared extension of every subgraph', () => {
    expect(Object.keys(DECLARED).length).toBeGreaterThan(0);
    expect(uncovered()).toEqual([]);
  });

  it('shows currentStatus on a second publishEvent', async () => {
    const token = await contributor();
    const draft = await newEvent(token);
    const { publishEvent } = await ok<{ publishEvent: EventRef }>(
      PUBLISH_EVENT,
      { input: { id: draft.id, version: draft.version } },
      token,
    );
    const { body } = await hub.query<unknown, Record<string, unknown>>(
      PUBLISH_EVENT,
      { input: { id: draft.id, version: publishEvent.version } },
      token,
    );
    expect(body).toEqual({
      data: null,
      errors: [
        {
          message: expect.any(String),
          path: ['publishEvent'],
          extensions: { code: 'CONFLICT', currentStatus: 'PUBLISHED' },
        },
      ],
    });
  });

  it('keeps declared extensions on subscription errors too (graphql-ws)', async () => {
    const subscription = await subscribeForTest(
      hub.url,
      'subscription ($region: ID) { eventChanged(region: $region) { change } }',
      { region: 'not a region' },
      { connectionParams: {} },
    );
    try {
      const message = await subscription.next();
      expect(message.errors).toEqual([
        {
          message: expect.stringMatching(/^Invalid input: region: /),
          path: ['eventChanged'],
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: [{ path: 'region', messages: [expect.any(String)] }],
          },
        },
      ]);
    } finally {
      await subscription.close();
    }
  });

  it.each(TRIGGERS.map((trigger) => [trigger.subgraph, trigger.what, trigger] as const))(
    '%s: %s',
    async (subgraph, _what, trigger) => {
      for (const name of Object.keys(trigger.extensions)) {
        expect(DECLARED[name]?.subgraphs, `${name} declared by ${subgraph}`).toContain(subgraph);
      }
      const errors = await trigger.run();
      expect(errors).toHaveLength(1);
      const [error] = errors!;
      // exactly the code and the expected declared extensions: nothing the gateway should have dropped
      expect(error!.extensions).toEqual({ code: trigger.code, ...trigger.extensions });
      expect(JSON.stringify(error)).not.toMatch(/serviceName|stacktrace|postgres:|http:\/\/127\.0\.0\.1/);
    },
  );
});

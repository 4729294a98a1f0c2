import type { TestSubgraph } from '@hub/kit/testing';
import { testCaller } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, cpmrContributor, createEvent, eurocitiesEditor, startEvents } from './helpers';

/** Issue 12: naming another organisation as organiser makes it pending until that organisation accepts. */
let events: TestSubgraph;
beforeAll(async () => {
  events = await startEvents();
});
afterAll(async () => events?.stop());

const corContributor = testCaller('cor', ['contributor'], 'contributor-cor');
const corModerator = testCaller('cor', ['moderator'], 'moderator-cor');

const READ = /* GraphQL */ `
  query ($id: ID!) {
    event(id: $id) {
      version
      organisers {
        id
      }
      pendingOrganisers {
        id
      }
    }
  }
`;
const ANSWER = (mutation: 'acceptOrganiserRole' | 'declineOrganiserRole') => /* GraphQL */ `
  mutation ($input: ${mutation === 'acceptOrganiserRole' ? 'Accept' : 'Decline'}OrganiserRoleInput!) {
    ${mutation}(input: $input) {
      version
      organisers {
        id
      }
      pendingOrganisers {
        id
      }
    }
  }
`;

interface Organisers {
  version: number;
  organisers: Array<{ id: string }>;
  pendingOrganisers: Array<{ id: string }>;
}

const read = async (id: string, caller?: Parameters<TestSubgraph['query']>[2]) =>
  (await events.query<{ event: Organisers }>(READ, { id }, caller)).body.data!.event;
const ids = (list: Array<{ id: string }>) => list.map((organisation) => organisation.id);

describe('organisers consent', () => {
  it('lists only the creating organisation until the others accept; pending ones only to those concerned', async () => {
    const event = await createEvent(events, { organisers: ['cpmr', 'cor', 'eurocities'], publish: true });
    expect(ids(event.organisers)).toEqual(['cpmr']);
    expect(ids((await read(event.id, cpmrContributor)).pendingOrganisers)).toEqual(['cor', 'eurocities']);
    expect(ids((await read(event.id, corContributor)).pendingOrganisers)).toEqual(['cor', 'eurocities']);
    expect((await read(event.id)).pendingOrganisers).toEqual([]); // anonymous
    expect((await read(event.id, testCaller('other', ['editor'], 'x'))).pendingOrganisers).toEqual([]);

    const accepted = await events.query<{ acceptOrganiserRole: Organisers }>(
      ANSWER('acceptOrganiserRole'),
      { input: { id: event.id, version: event.version } },
      corContributor,
    );
    expect(accepted.body.errors).toBeUndefined();
    expect(ids(accepted.body.data!.acceptOrganiserRole.organisers)).toEqual(['cor', 'cpmr']);
    expect(accepted.body.data!.acceptOrganiserRole.version).toBe(event.version + 1);
    expect(ids((await read(event.id)).organisers)).toEqual(['cor', 'cpmr']);

    const declined = await events.query<{ declineOrganiserRole: Organisers }>(
      ANSWER('declineOrganiserRole'),
      { input: { id: event.id, version: event.version + 1 } },
      eurocitiesEditor,
    );
    expect(declined.body.errors).toBeUndefined();
    expect(ids(declined.body.data!.declineOrganiserRole.organisers)).toEqual(['cor', 'cpmr']);
    expect(declined.body.data!.declineOrganiserRole.pendingOrganisers).toEqual([]);
  });

  it('refuses answers from those not named, from roles that do not write, twice, and at an old version', async () => {
    const event = await createEvent(events, { organisers: ['cpmr', 'cor'] });
    const audits = await count(events, 'hub_audit_log');
    const answer = (caller: Parameters<TestSubgraph['query']>[2], version = event.version) =>
      events.query(ANSWER('acceptOrganiserRole'), { input: { id: event.id, version } }, caller);
    const codeOf = async (pending: ReturnType<typeof answer>) =>
      (await pending).body.errors?.map((error) => error.extensions?.code);

    expect(await codeOf(answer(undefined))).toEqual(['UNAUTHENTICATED']);
    expect(await codeOf(answer(eurocitiesEditor))).toEqual(['NOT_FOUND']); // a draft it is not named on
    expect(await codeOf(answer(cpmrContributor))).toEqual(['CONFLICT']); // the creator is no pending organiser
    expect(await codeOf(answer(corModerator))).toEqual(['FORBIDDEN']);
    expect(await codeOf(answer(corContributor, event.version + 5))).toEqual(['CONFLICT']);
    expect(await count(events, 'hub_audit_log')).toBe(audits);
    expect(await codeOf(answer(corContributor))).toBeUndefined(); // a draft can be accepted by those it names
    expect(await codeOf(answer(corContributor, event.version + 1))).toEqual(['CONFLICT']);
    expect(await count(events, 'hub_audit_log')).toBe(audits + 1);
  });

  it('keeps an accepted organiser when the event is updated, and makes a newly named one pending', async () => {
    const event = await createEvent(events, { organisers: ['cpmr', 'cor'], publish: true });
    const accepted = await events.query<{ acceptOrganiserRole: Organisers }>(
      ANSWER('acceptOrganiserRole'),
      { input: { id: event.id, version: event.version } },
      corContributor,
    );
    const UPDATE = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { organisers { id } pendingOrganisers { id } } }`;
    const updated = await events.query<{ updateEvent: Organisers }>(
      UPDATE,
      {
        input: {
          id: event.id,
          version: accepted.body.data!.acceptOrganiserRole.version,
          organisers: ['cpmr', 'cor', 'eurocities'],
        },
      },
      cpmrContributor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(ids(updated.body.data!.updateEvent.organisers)).toEqual(['cor', 'cpmr']);
    expect(ids(updated.body.data!.updateEvent.pendingOrganisers)).toEqual(['eurocities']);
  });
});

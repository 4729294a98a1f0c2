import type { Caller } from '@hub/kit';
import { testCaller, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  cpmrContributor,
  cpmrEditor,
  cpmrModerator,
  createEvent,
  eurocitiesEditor,
  startEvents,
  type EventData,
} from './helpers';

let events: TestSubgraph;
let draft: EventData;
beforeAll(async () => {
  events = await startEvents();
  draft = await createEvent(events, { title: 'Draft of CPMR', publish: false, hostRegions: ['PT200'] });
});
afterAll(async () => events?.stop());

const anonymous = undefined;
const cpmrWithoutRole: Caller = testCaller('cpmr', [], 'member-cpmr');
/** Who may see a draft of cpmr, and who may not. */
const MAY_SEE: Array<[string, Caller]> = [
  ['a cpmr contributor', cpmrContributor],
  ['a cpmr editor', cpmrEditor],
  ['a hub admin of another organisation', admin],
];
const MAY_NOT_SEE: Array<[string, Caller | undefined]> = [
  ['an anonymous caller', anonymous],
  ['an editor of another organisation', eurocitiesEditor],
  ['a cpmr moderator', cpmrModerator],
  ['a cpmr member without role', cpmrWithoutRole],
];

async function seenThroughEverything(caller: Caller | undefined): Promise<boolean[]> {
  const byId = await events.query<{ event: { id: string } | null }>(
    'query ($id: ID!) { event(id: $id) { id } }',
    { id: draft.id },
    caller,
  );
  const entities = await events.query<{ _entities: Array<{ id: string } | null> }>(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id title } } }',
    { r: [{ __typename: 'Event', id: draft.id }] },
    caller,
  );
  const lists = await events.query<{
    events: { totalCount: number };
    _entities: Array<{ events: { totalCount: number; edges: unknown[] } }>;
  }>(
    `query ($r: [_Any!]!) {
      events(filter: { statuses: [DRAFT], region: "PT" }) { totalCount }
      _entities(representations: $r) {
        ... on Region { events(filter: { statuses: [DRAFT] }) { totalCount edges { cursor } } }
        ... on Organisation { events(filter: { statuses: [DRAFT] }) { totalCount edges { cursor } } }
      }
    }`,
    {
      r: [
        { __typename: 'Region', code: 'PT' },
        { __typename: 'Organisation', id: 'cpmr' },
      ],
    },
    caller,
  );
  for (const response of [byId, entities, lists]) expect(response.body.errors).toBeUndefined();
  const [region, organisation] = lists.body.data!._entities;
  return [
    byId.body.data!.event !== null,
    entities.body.data!._entities[0] !== null,
    lists.body.data!.events.totalCount === 1,
    region!.events.totalCount === 1 && region!.events.edges.length === 1,
    organisation!.events.totalCount === 1 && organisation!.events.edges.length === 1,
  ];
}

describe('drafts', () => {
  it.each(MAY_SEE)(
    'are visible to %s through event, _entities, events, Region.events and Organisation.events',
    async (_who, caller) => {
      expect(await seenThroughEverything(caller)).toEqual([true, true, true, true, true]);
    },
  );

  it.each(MAY_NOT_SEE)('are invisible to %s everywhere, _entities included', async (_who, caller) => {
    expect(await seenThroughEverything(caller)).toEqual([false, false, false, false, false]);
  });

  it('resolve to null in _entities next to visible events, keeping the order', async () => {
    const published = await createEvent(events, { title: 'Published next to a draft' });
    const { body } = await events.query<{ _entities: Array<{ title: string } | null> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { title } } }',
      { r: [draft.id, published.id, 'not-a-uuid'].map((id) => ({ __typename: 'Event', id })) },
      eurocitiesEditor,
    );
    expect(body.data!._entities).toEqual([null, { title: 'Published next to a draft' }, null]);
  });

  it('become visible to everyone once published, and stay visible when cancelled', async () => {
    const later = await createEvent(events, { title: 'Draft published later', publish: false });
    const publish = await events.query(
      'mutation ($id: ID!) { publishEvent(input: { id: $id, version: 1 }) { status } }',
      { id: later.id },
      cpmrContributor,
    );
    expect(publish.body.errors).toBeUndefined();
    const seen = await events.query<{ event: { status: string } | null }>(
      'query ($id: ID!) { event(id: $id) { status } }',
      {
        id: later.id,
      },
    );
    expect(seen.body.data!.event).toEqual({ status: 'PUBLISHED' });
    await events.query(
      'mutation ($id: ID!) { cancelEvent(input: { id: $id, version: 2, reason: "Speaker ill" }) { status } }',
      { id: later.id },
      cpmrContributor,
    );
    const cancelled = await events.query<{ event: { status: string; cancellationReason: string } | null }>(
      'query ($id: ID!) { event(id: $id) { status cancellationReason } }',
      { id: later.id },
    );
    expect(cancelled.body.data!.event).toEqual({ status: 'CANCELLED', cancellationReason: 'Speaker ill' });
  });
});

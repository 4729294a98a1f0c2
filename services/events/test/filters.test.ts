import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  cpmrContributor,
  createEvent,
  eurocitiesEditor,
  expectFieldError,
  startEvents,
  acceptEveryOrganiserRole,
} from './helpers';

let events: TestSubgraph;
/** Titles of the events this file creates, by letter. */
const T = {
  a: 'Filter A workshop in Côtes-d’Armor',
  b: 'Filter B roundtable in Bretagne',
  c: 'Filter C webinar in Île-de-France',
  d: 'Filter D study visit in Berlin and Côtes-d’Armor',
  e: 'Filter E draft in Valencia',
  f: 'Filter F training organised by AER',
  g: 'Filter G cancelled exchange',
  h: 'Filter H draft of Eurocities',
};

const online = { format: 'ONLINE', venue: null, onlineUrl: 'https://meet.example.org/room' };

beforeAll(async () => {
  events = await startEvents();
  await createEvent(events, {
    title: T.a,
    hostRegions: ['FRH01'],
    startsAt: '2030-05-06T09:00:00+02:00',
    endsAt: '2030-05-06T17:00:00+02:00',
  });
  await createEvent(events, {
    title: T.b,
    kind: 'POLITICAL_ROUNDTABLE',
    strand: 'DIALOGUE',
    policyAreas: ['HEALTH'],
    hostRegions: ['FRH0'],
    organisers: ['cpmr', 'cor'],
    startsAt: '2030-06-10T10:00:00+02:00',
    endsAt: '2030-06-10T12:00:00+02:00',
    ...online,
  });
  await createEvent(events, {
    title: T.c,
    kind: 'WEBINAR',
    strand: 'EVIDENCE_AND_DATA',
    policyAreas: ['MONITORING_PROGRESS'],
    hostRegions: ['FR10'],
    startsAt: '2030-07-01T14:00:00+02:00',
    endsAt: '2030-07-01T15:30:00+02:00',
    ...online,
  });
  await createEvent(
    events,
    {
      title: T.d,
      description: 'Visite d’étude sur l’intégration des réfugiés et la **communauté** d’accueil.',
      kind: 'STUDY_VISIT',
      policyAreas: ['EDUCATION_AND_TRAINING', 'HOUSING'],
      hostRegions: ['DE30', 'FRH01'],
      organisers: ['eurocities'],
      startsAt: '2030-09-15T09:00:00+02:00',
      endsAt: '2030-09-17T13:00:00+02:00',
      format: 'HYBRID',
      onlineUrl: 'https://meet.example.org/visit',
    },
    eurocitiesEditor,
  );
  await createEvent(events, {
    title: T.e,
    hostRegions: ['ES52'],
    publish: false,
    startsAt: '2030-10-02T09:00:00+01:00',
    endsAt: '2030-10-02T12:00:00+01:00',
  });
  await createEvent(events, {
    title: T.f,
    kind: 'TRAINING',
    organisers: ['aer'],
    hostRegions: ['ITC4'],
    startsAt: '2030-10-03T09:00:00+01:00',
    endsAt: '2030-10-03T12:00:00+01:00',
  });
  const g = await createEvent(events, {
    title: T.g,
    kind: 'EXCHANGE_PROGRAMME',
    hostRegions: ['FRH02'],
    startsAt: '2030-11-04T09:00:00+01:00',
    endsAt: '2030-11-04T12:00:00+01:00',
  });
  const cancelled = await events.query(
    'mutation ($id: ID!, $v: Int!) { cancelEvent(input: { id: $id, version: $v, reason: "Venue unavailable" }) { status } }',
    { id: g.id, v: g.version },
    cpmrContributor,
  );
  expect(cancelled.body.errors).toBeUndefined();
  await createEvent(
    events,
    {
      title: T.h,
      hostRegions: ['FRH01'],
      publish: false,
      startsAt: '2030-12-05T09:00:00+01:00',
      endsAt: '2030-12-05T12:00:00+01:00',
    },
    eurocitiesEditor,
  );
  await acceptEveryOrganiserRole(events);
});
afterAll(async () => events?.stop());

/** Titles of the events a filter lists (in list order), for the caller; only this file's events. */
async function titles(
  filter: Record<string, unknown>,
  caller = undefined as Parameters<TestSubgraph['query']>[2],
) {
  const { body } = await events.query<{
    events: { totalCount: number; edges: Array<{ node: { title: string } }> };
  }>(
    'query ($f: EventFilter) { events(filter: $f, first: 100) { totalCount edges { node { title } } } }',
    { f: { from: '2030-01-01T00:00:00Z', ...filter } },
    caller,
  );
  expect(body.errors).toBeUndefined();
  const list = body.data!.events.edges.map((edge) => edge.node.title);
  expect(body.data!.events.totalCount).toBe(list.length);
  return list;
}

describe('region filter', () => {
  it('includes every NUTS descendant of the region, once per event', async () => {
    expect(await titles({ region: 'FR' })).toEqual([T.a, T.b, T.c, T.d]);
    expect(await titles({ region: 'FRH' })).toEqual([T.a, T.b, T.d]);
    expect(await titles({ region: 'FRH0' })).toEqual([T.a, T.b, T.d]);
    expect(await titles({ region: 'FRH01' })).toEqual([T.a, T.d]);
    expect(await titles({ region: 'FR1' })).toEqual([T.c]);
    expect(await titles({ region: 'DE' })).toEqual([T.d]);
    expect(await titles({ region: 'DE3' })).toEqual([T.d]);
    expect(await titles({ region: 'NL' })).toEqual([]);
  });

  it('trims and upper-cases the code, and refuses what is not a NUTS code', async () => {
    expect(await titles({ region: ' frh01 ' })).toEqual([T.a, T.d]);
    for (const bad of ['F', 'FR%', 'FRH_1', 'FRH0123']) {
      const { body } = await events.query('query ($f: EventFilter) { events(filter: $f) { totalCount } }', {
        f: { region: bad },
      });
      expectFieldError(body.errors, 'filter.region');
    }
  });

  it('applies to Region.events too, for several regions at once', async () => {
    const { body } = await events.query<{
      _entities: Array<{
        code: string;
        events: { totalCount: number; edges: Array<{ node: { title: string } }> };
      }>;
    }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
        code events(filter: { from: "2030-01-01T00:00:00Z" }) { totalCount edges { node { title } } }
      } } }`,
      { r: ['FR', 'FRH01', 'DE', 'BE10', 'XK'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(body.errors).toBeUndefined();
    expect(
      body.data!._entities.map((r) => [r.code, r.events.totalCount, r.events.edges.map((e) => e.node.title)]),
    ).toEqual([
      ['FR', 4, [T.a, T.b, T.c, T.d]],
      ['FRH01', 2, [T.a, T.d]],
      ['DE', 1, [T.d]],
      ['BE10', 0, []],
      ['XK', 0, []],
    ]);
  });
});

describe('other filters', () => {
  it('filters by organisation, organiser or creator', async () => {
    expect(await titles({ organisation: 'cor' })).toEqual([T.b]);
    expect(await titles({ organisation: 'eurocities' })).toEqual([T.d]);
    expect(await titles({ organisation: 'aer' })).toEqual([T.f]);
    // cpmr created F although only AER organises it.
    expect(await titles({ organisation: 'cpmr' })).toEqual([T.a, T.b, T.c, T.f]);
    const { body } = await events.query('{ events(filter: { organisation: "Not An Id" }) { totalCount } }');
    expectFieldError(body.errors, 'filter.organisation');
  });

  it('filters by kinds, strands, policy areas (any of) and formats', async () => {
    expect(await titles({ kinds: ['WEBINAR', 'STUDY_VISIT'] })).toEqual([T.c, T.d]);
    expect(await titles({ strands: ['DIALOGUE', 'EVIDENCE_AND_DATA'] })).toEqual([T.b, T.c]);
    expect(await titles({ policyAreas: ['HOUSING'] })).toEqual([T.a, T.d, T.f]);
    expect(await titles({ policyAreas: ['HEALTH', 'MONITORING_PROGRESS'] })).toEqual([T.b, T.c]);
    expect(await titles({ formats: ['ONLINE'] })).toEqual([T.b, T.c]);
    expect(await titles({ formats: ['HYBRID', 'IN_PERSON'], kinds: ['STUDY_VISIT'] })).toEqual([T.d]);
    expect(await titles({ kinds: [] })).toHaveLength(5);
  });

  it('lists events overlapping a date range', async () => {
    // B ends 2030-06-10T10:00Z; C runs 2030-07-01T12:00Z-13:30Z.
    expect(await titles({ from: '2030-06-10T09:59:59Z', to: '2030-07-01T12:00:01Z' })).toEqual([T.b, T.c]);
    expect(await titles({ from: '2030-06-10T10:00:01Z', to: '2030-07-01T12:00:00Z' })).toEqual([]);
    // D runs over three days: a range inside it still finds it.
    expect(await titles({ from: '2030-09-16T00:00:00Z', to: '2030-09-16T01:00:00Z' })).toEqual([T.d]);
    const { body } = await events.query(
      '{ events(filter: { from: "2030-02-01T00:00:00Z", to: "2030-01-01T00:00:00Z" }) { totalCount } }',
    );
    expectFieldError(body.errors, 'filter.to');
  });

  it('tells upcoming from past events', async () => {
    const count = async (filter: string) =>
      (await events.query<{ events: { totalCount: number } }>(`{ events(filter: ${filter}) { totalCount } }`))
        .body.data!.events.totalCount;
    expect(await count('{ upcoming: true }')).toBe(5);
    expect(await count('{ upcoming: false }')).toBe(4); // the seeded milestones
    expect(await count('{}')).toBe(9);
  });

  it('searches title, summary and description ignoring accents and case, by word beginnings', async () => {
    expect(await titles({ search: 'COTES D ARMOR' })).toEqual([T.a, T.d]);
    expect(await titles({ search: 'integration refugies' })).toEqual([T.d]);
    expect(await titles({ search: 'Communauté' })).toEqual([T.d]);
    expect(await titles({ search: 'commun' })).toEqual([T.a, T.b, T.c, T.d, T.f]); // "community" in the summary
    expect(await titles({ search: 'ommunaute' })).toEqual([]);
    const { body } = await events.query(
      'query ($s: String) { events(filter: { search: $s }) { totalCount } }',
      {
        s: 'x'.repeat(201),
      },
    );
    expectFieldError(body.errors, 'filter.search');
  });
});

describe('status filter', () => {
  it('lists published events by default and cancelled ones when asked', async () => {
    expect(await titles({ region: 'FRH' })).toEqual([T.a, T.b, T.d]);
    expect(await titles({ statuses: ['CANCELLED'] })).toEqual([T.g]);
    expect(await titles({ statuses: ['PUBLISHED', 'CANCELLED'], region: 'FRH0' })).toEqual([
      T.a,
      T.b,
      T.d,
      T.g,
    ]);
  });

  it('lists drafts only to their organisation’s writers and to admins', async () => {
    expect(await titles({ statuses: ['DRAFT'] })).toEqual([]);
    expect(await titles({ statuses: ['DRAFT'] }, cpmrContributor)).toEqual([T.e]);
    expect(await titles({ statuses: ['DRAFT'] }, eurocitiesEditor)).toEqual([T.h]);
    expect(await titles({ statuses: ['DRAFT'] }, admin)).toEqual([T.e, T.h]);
    // Without asking, writers see published events only, like everyone.
    expect(await titles({ region: 'ES' }, cpmrContributor)).toEqual([]);
  });
});

import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PARTNERSHIP_EVENTS } from '../src/seeds/partnership-events.data';
import { startEvents } from './helpers';

let events: TestSubgraph;
let regions: TestSubgraph;
beforeAll(async () => {
  [events, regions] = await Promise.all([
    startEvents(),
    startTestSubgraph(regionsSubgraph, inject('databaseServerUrl')),
  ]);
});
afterAll(async () => {
  await Promise.all([events?.stop(), regions?.stop()]);
});

interface SeededEvent {
  id: string;
  title: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  format: string | null;
  strand: string | null;
  languages: string[];
  sourceUrl: string;
  descriptionHtml: string;
  venue: { name: string | null; city: string | null; isoCountryCode: string | null } | null;
  hostRegions: Array<{ code: string }>;
  organisers: Array<{ id: string }>;
  createdBy: { id: string };
}

async function seeded(): Promise<SeededEvent[]> {
  const { body } = await events.query<{ events: { edges: Array<{ node: SeededEvent }> } }>(`{
    events(filter: { organisation: "cor" }) { edges { node {
      id title kind status startsAt endsAt timeZone allDay format strand languages sourceUrl descriptionHtml
      venue { name city isoCountryCode } hostRegions { code } organisers { id } createdBy { id }
    } } }
  }`);
  expect(body.errors).toBeUndefined();
  return body.data!.events.edges.map((edge) => edge.node);
}

describe('seeded partnership milestones', () => {
  it('are the documented events, published, created by the CoR, each with its source', async () => {
    const list = await seeded();
    expect(list.map((event) => [event.startsAt.slice(0, 10), event.kind])).toEqual([
      ['2019-04-09', 'PLENARY'],
      ['2019-06-25', 'CONFERENCE'],
      ['2019-12-02', 'CONFERENCE'],
      ['2021-03-18', 'PLENARY'],
    ]);
    for (const event of list) {
      expect(event.status).toBe('PUBLISHED');
      expect(event.createdBy.id).toBe('cor');
      expect(event.sourceUrl).toMatch(/^https?:\/\//);
      // The description cites the main source among its links.
      expect(event.descriptionHtml).toContain(`href="${event.sourceUrl}"`);
      // Nothing the sources do not state: no format, strand or languages.
      expect(event).toMatchObject({ format: null, strand: null, languages: [], timeZone: 'Europe/Brussels' });
    }
  });

  it('spans whole Brussels days where the sources give only dates', async () => {
    const [launch2019, seminar, goLocal, partnership] = await seeded();
    expect(launch2019).toMatchObject({
      allDay: true,
      startsAt: '2019-04-09T22:00:00.000Z', // 10 April 2019, 00:00 CEST
      endsAt: '2019-04-11T22:00:00.000Z', // 11 April 2019, 24:00 CEST
      hostRegions: [{ code: 'BE10' }],
      venue: { name: null, city: 'Brussels', isoCountryCode: 'BE' },
    });
    expect(seminar).toMatchObject({
      allDay: false,
      startsAt: '2019-06-25T12:30:00.000Z', // 14:30 CEST, as published
      endsAt: '2019-06-25T16:00:00.000Z',
      organisers: [{ id: 'cemr' }, { id: 'cor' }],
    });
    expect(goLocal).toMatchObject({ allDay: true, startsAt: '2019-12-02T23:00:00.000Z' });
    expect(partnership).toMatchObject({
      allDay: true,
      startsAt: '2021-03-18T23:00:00.000Z', // 19 March 2021, 00:00 CET
      endsAt: '2021-03-19T23:00:00.000Z',
      hostRegions: [], // no source states where that plenary sat
      venue: null,
      organisers: [{ id: 'cor' }, { id: 'ec-dg-home' }],
    });
  });

  it('names only regions and organisations that the regions subgraph knows', async () => {
    const representations = [...new Set(PARTNERSHIP_EVENTS.flatMap((event) => event.hostRegions))].map(
      (code) => ({ __typename: 'Region', code }),
    );
    const organisations = [
      ...new Set(PARTNERSHIP_EVENTS.flatMap((event) => [...event.organisers, 'cor'])),
    ].map((id) => ({ __typename: 'Organisation', id }));
    const { body } = await regions.query<{ _entities: Array<{ code?: string; id?: string } | null> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code } ... on Organisation { id } } }',
      { r: [...representations, ...organisations] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toHaveLength(representations.length + organisations.length);
    expect(body.data!._entities.every(Boolean)).toBe(true);
  });

  it('finds the Brussels milestones through the region filter of Belgium', async () => {
    const { body } = await events.query<{ events: { totalCount: number } }>(
      '{ events(filter: { region: "BE" }) { totalCount } }',
    );
    expect(body.data!.events.totalCount).toBe(PARTNERSHIP_EVENTS.filter((e) => e.hostRegions.length).length);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNERSHIP_EVENTS } from '../src/seeds/partnership-events.data';
import { acceptEveryOrganiserRole, createEvent, startEvents, type EventData } from './helpers';

/** NUTS 2024 level-2 codes of the EU, from the regions package's copy of the Eurostat list. */
const NUTS2 = readFileSync(
  path.resolve(path.dirname(require.resolve('@hub/regions')), '../data/nuts2024_regions.csv'),
  'utf8',
)
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  .filter((cells) => cells[1] === '2' && !cells[0]!.endsWith('Z'))
  .map((cells) => cells[0]!);
const ORGANISATIONS = ['cpmr', 'cor', 'eurocities', 'aer', 'cemr'];

let events: TestSubgraph;
let created: EventData[];
/** The organisations event `i` names (and, once accepted in `beforeAll`, is organised by). */
const namedOrganisers = (i: number) => [ORGANISATIONS[i % 5]!, ORGANISATIONS[(i + 1) % 5]!];

beforeAll(async () => {
  events = await startEvents();
  created = [];
  // 120 events, each hosted in two neighbouring NUTS 2 regions and organised by two partners.
  for (let chunk = 0; chunk < 12; chunk += 1) {
    created.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, offset) => {
          const i = chunk * 10 + offset;
          return createEvent(events, {
            title: `Batched event ${i}`,
            hostRegions: [NUTS2[i]!, NUTS2[i + 1]!],
            organisers: namedOrganisers(i),
            startsAt: `2032-01-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
            endsAt: '2032-01-02T00:00:00Z',
          });
        }),
      )),
    );
  }
  await acceptEveryOrganiserRole(events);
});
afterAll(async () => events?.stop());

async function statements(query: string, variables: Record<string, unknown>, check: (data: never) => void) {
  const { body } = await events.query(query, variables);
  expect(body.errors).toBeUndefined();
  check(body.data as never);
  return body.extensions!.sqlStatements as number;
}

const EVENTS_PAGE = /* GraphQL */ `
  query ($first: Int) {
    events(first: $first, filter: { from: "2032-01-01T00:00:00Z" }) {
      totalCount
      edges {
        node {
          title
          hostRegions {
            code
          }
          organisers {
            id
          }
          createdBy {
            id
          }
        }
      }
    }
  }
`;

const REGION_EVENTS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        events(first: 5) {
          totalCount
          edges {
            node {
              title
            }
          }
        }
      }
    }
  }
`;

describe('batching', () => {
  it('costs the same statements for events(first: 10) and events(first: 100) with host regions and organisers', async () => {
    const page = (first: number) =>
      statements(
        EVENTS_PAGE,
        { first },
        (data: {
          events: {
            totalCount: number;
            edges: Array<{ node: { hostRegions: unknown[]; organisers: unknown[] } }>;
          };
        }) => {
          expect(data.events.totalCount).toBe(120);
          expect(data.events.edges).toHaveLength(first);
          expect(
            data.events.edges.every(
              (edge) => edge.node.hostRegions.length === 2 && edge.node.organisers.length === 2,
            ),
          ).toBe(true);
        },
      );
    const small = await page(10);
    const large = await page(100);
    expect(small).toBe(4); // page, count, host regions, organisers
    expect(large).toBe(small);
  });

  it('costs the same statements for Region.events of 10 and of 100 regions', async () => {
    const regions = (codes: string[]) =>
      statements(
        REGION_EVENTS,
        { r: codes.map((code) => ({ __typename: 'Region', code })) },
        (data: { _entities: Array<{ code: string; events: { totalCount: number; edges: unknown[] } }> }) => {
          expect(data._entities.map((region) => region.code)).toEqual(codes);
          // Every NUTS 2 region in the list hosts one or two of the events.
          expect(data._entities.every((region) => region.events.totalCount >= 1)).toBe(true);
        },
      );
    const small = await regions(NUTS2.slice(1, 11));
    const large = await regions(NUTS2.slice(1, 101));
    expect(small).toBe(2); // the pages of all regions, the counts of all regions
    expect(large).toBe(small);
    // Countries (whose events are those of their descendants) batch with the rest.
    const countries = await regions(['AT', 'BE', 'DE', 'EL', ...NUTS2.slice(1, 50)]);
    expect(countries).toBe(small);
  });

  it('cuts each region’s page at its own size, with its own count', async () => {
    const { body } = await events.query<{
      _entities: Array<{ events: { totalCount: number; edges: unknown[] } }>;
    }>(REGION_EVENTS, {
      r: [
        { __typename: 'Region', code: 'DE' },
        { __typename: 'Region', code: NUTS2[5] },
      ],
    });
    const germanEvents = created.filter((event) =>
      event.hostRegions.some((region) => region.code.startsWith('DE')),
    );
    const [germany, single] = body.data!._entities;
    expect(germany!.events.totalCount).toBe(germanEvents.length);
    expect(germany!.events.edges).toHaveLength(Math.min(5, germanEvents.length));
    expect(single!.events).toMatchObject({ totalCount: 2 });
  });

  it('costs the same statements for Organisation.events of 5 and of 100 organisations', async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Organisation {
            events(first: 3) {
              totalCount
              edges {
                node {
                  title
                  organisers {
                    id
                  }
                }
              }
            }
          }
        }
      }
    `;
    const organisations = (ids: string[]) =>
      statements(
        query,
        { r: ids.map((id) => ({ __typename: 'Organisation', id })) },
        (data: { _entities: Array<{ events: { totalCount: number } }> }) => {
          // cpmr created every event; each partner organises 48 of them, plus the seeded milestones.
          expect(data._entities.slice(0, 5).map((o) => o.events.totalCount)).toEqual(
            ORGANISATIONS.map((id) =>
              id === 'cpmr'
                ? created.length
                : created.filter((_, i) => namedOrganisers(i).includes(id)).length +
                  PARTNERSHIP_EVENTS.filter((e) => e.organisers.includes(id)).length,
            ),
          );
        },
      );
    const few = await organisations(ORGANISATIONS);
    const many = await organisations([
      ...ORGANISATIONS,
      ...Array.from({ length: 95 }, (_, i) => `partner-${i}`),
    ]);
    expect(few).toBe(3); // pages, counts, organisers of every listed event
    expect(many).toBe(few);
  });

  it('costs the same statements for _entities of 10 and of 100 events', async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id hostRegions { code } organisers { id } } } }';
    const byIds = (list: EventData[]) =>
      statements(
        query,
        { r: list.map((event) => ({ __typename: 'Event', id: event.id })) },
        (data: { _entities: Array<{ id: string }> }) => {
          expect(data._entities.map((event) => event.id)).toEqual(list.map((event) => event.id));
        },
      );
    const small = await byIds(created.slice(0, 10));
    const large = await byIds(created.slice(0, 100));
    expect(small).toBe(3); // events, host regions, organisers
    expect(large).toBe(small);
  });
});

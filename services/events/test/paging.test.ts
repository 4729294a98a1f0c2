import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrContributor, createEvent, expectFieldError, startEvents } from './helpers';

let events: TestSubgraph;
const created: Array<{ id: string; startsAt: string }> = [];
beforeAll(async () => {
  events = await startEvents();
  // Seven events: four share one start (ties), three start later, all hosted in Malta.
  const starts = [
    '2031-01-10',
    '2031-01-10',
    '2031-01-10',
    '2031-01-10',
    '2031-02-01',
    '2031-03-01',
    '2031-04-01',
  ];
  for (const [index, day] of starts.entries()) {
    created.push(
      await createEvent(events, {
        title: `Paging event ${index}`,
        hostRegions: ['MT001'],
        startsAt: `${day}T10:00:00+01:00`,
        endsAt: `${day}T12:00:00+01:00`,
      }),
    );
  }
});
afterAll(async () => events?.stop());

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const LIST = /* GraphQL */ `
  query ($first: Int, $after: String, $order: EventOrder) {
    events(filter: { region: "MT" }, first: $first, after: $after, orderBy: $order) {
      totalCount
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const { body } = await events.query<{ events: Page }>(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.events;
}

/** Every id of the list, walking pages of `size`. */
async function walk(order: string, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 20; guard += 1) {
    const current: Page = await page({ first: size, after, order });
    ids.push(...current.edges.map((edge) => edge.node.id));
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!current.pageInfo.hasNextPage) return ids;
    after = current.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

/** Code-point order, as PostgreSQL orders ISO instants and UUIDs. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The ids sorted as the order promises: by start, then by id. */
function expectedOrder(direction: 1 | -1): string[] {
  return [...created]
    .sort((a, b) => direction * (compare(a.startsAt, b.startsAt) || compare(a.id, b.id)))
    .map((event) => event.id);
}

describe('paging', () => {
  it('walks the whole list in start order, ties broken by id, whatever the page size', async () => {
    for (const size of [1, 2, 3, 7, 50]) {
      expect(await walk('STARTS_AT_ASC', size), `page size ${size}`).toEqual(expectedOrder(1));
    }
  });

  it('walks it backwards with STARTS_AT_DESC', async () => {
    expect(await walk('STARTS_AT_DESC', 3)).toEqual(expectedOrder(-1));
  });

  it('orders by last change with UPDATED_AT_DESC, and a changed event moves to the front', async () => {
    const before = await walk('UPDATED_AT_DESC', 2);
    expect(before).toEqual([...created].reverse().map((event) => event.id));
    const oldest = created[0]!;
    const { body } = await events.query(
      'mutation ($id: ID!) { updateEvent(input: { id: $id, version: 1, title: "Paging event 0, renamed" }) { id } }',
      { id: oldest.id },
      cpmrContributor,
    );
    expect(body.errors).toBeUndefined();
    expect((await walk('UPDATED_AT_DESC', 2))[0]).toBe(oldest.id);
  });

  it('counts the whole list on every page and serves first: 0 as a count only', async () => {
    const firstPage = await page({ first: 2 });
    expect(firstPage.totalCount).toBe(7);
    const second = await page({ first: 2, after: firstPage.pageInfo.endCursor });
    expect(second.totalCount).toBe(7);
    expect(await page({ first: 0 })).toMatchObject({
      totalCount: 7,
      edges: [],
      pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('refuses an out-of-range page size, a foreign cursor and a cursor of another order', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 501 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('["STARTS_AT_ASC","yesterday","x"]').toString('base64url') }, 'after'],
    ];
    const ascending = await page({ first: 1 });
    cases.push([{ after: ascending.pageInfo.endCursor, order: 'STARTS_AT_DESC' }, 'after']);
    for (const [variables, path] of cases) {
      const { body } = await events.query(LIST, variables);
      expectFieldError(body.errors, path);
    }
  });

  it('pages Region.events and Organisation.events with the same cursors', async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!, $after: String) {
        _entities(representations: $r) {
          ... on Region {
            events(first: 3, after: $after) {
              edges {
                node {
                  id
                }
              }
              pageInfo {
                endCursor
                hasNextPage
              }
            }
          }
          ... on Organisation {
            events(first: 3, after: $after, filter: { region: "MT" }) {
              edges {
                node {
                  id
                }
              }
              pageInfo {
                endCursor
                hasNextPage
              }
            }
          }
        }
      }
    `;
    type Entity = {
      events: {
        edges: Array<{ node: { id: string } }>;
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const representations = [
      { __typename: 'Region', code: 'MT' },
      { __typename: 'Organisation', id: 'cpmr' },
    ];
    const first = await events.query<{ _entities: Entity[] }>(query, { r: representations });
    expect(first.body.errors).toBeUndefined();
    const [region, organisation] = first.body.data!._entities;
    expect(region!.events.edges.map((edge) => edge.node.id)).toEqual(expectedOrder(1).slice(0, 3));
    expect(organisation!.events.edges.map((edge) => edge.node.id)).toEqual(expectedOrder(1).slice(0, 3));
    const next = await events.query<{ _entities: Entity[] }>(query, {
      r: representations,
      after: region!.events.pageInfo.endCursor,
    });
    expect(
      next.body.data!._entities.map((entity) => entity.events.edges.map((edge) => edge.node.id)),
    ).toEqual([expectedOrder(1).slice(3, 6), expectedOrder(1).slice(3, 6)]);
  });
});

import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeOf,
  cpmrModerator,
  eurocitiesContributor,
  expectFieldError,
  reply,
  startForum,
  startThread,
  THREAD_FIELDS,
  type ThreadData,
} from './helpers';

let forum: TestSubgraph;
const eventId = randomUUID();
const threads: Record<string, ThreadData> = {};

// Six threads, written in this order (so CREATED_AT_DESC lists them in reverse).
beforeAll(async () => {
  forum = await startForum();
  threads.paris = await startThread(forum, {
    title: 'Housing in Paris',
    regions: ['FR101'],
    strand: 'DIALOGUE',
    policyAreas: ['HOUSING'],
    targetGroups: ['THIRD_COUNTRY_NATIONALS'],
  });
  threads.aquitaine = await startThread(forum, {
    title: 'Employment in Aquitaine',
    regions: ['FRI1'],
    strand: 'CAPACITY_BUILDING',
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
    targetGroups: ['BENEFICIARIES_OF_INTERNATIONAL_PROTECTION'],
  });
  threads.berlin = await startThread(
    forum,
    {
      title: 'Language courses in Berlin',
      regions: ['DE30'],
      strand: 'EVIDENCE_AND_DATA',
      policyAreas: ['EDUCATION_AND_TRAINING'],
    },
    eurocitiesContributor,
  );
  threads.event = await startThread(forum, {
    title: 'Île-de-France et Berlin : intégration',
    body: 'Retour sur la table ronde : l’accueil des réfugiés.',
    regions: ['fr10', 'DE30'],
    event: eventId,
  });
  threads.archived = await startThread(forum, { title: 'An archived talk', regions: ['FR10'] });
  threads.locked = await startThread(forum, { title: 'A locked talk', regions: ['ITC4'] });
  const moderate = async (mutation: string, thread: ThreadData) => {
    const { body } = await forum.query(
      `mutation ($id: ID!, $version: Int!) { ${mutation}(input: { id: $id, version: $version }) { status } }`,
      { id: thread.id, version: thread.version },
      cpmrModerator,
    );
    expect(body.errors).toBeUndefined();
  };
  await moderate('archiveThread', threads.archived);
  await moderate('lockThread', threads.locked);
});
afterAll(async () => forum?.stop());

interface ListData {
  threads: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; title: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

const LIST = /* GraphQL */ `
  query ($filter: ThreadFilter, $orderBy: ThreadOrder, $first: Int, $after: String) {
    threads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`;

async function list(variables: Record<string, unknown>) {
  const { body } = await forum.query<ListData>(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.threads;
}

/** The fixture names of the threads a filter lists, in list order. */
async function names(filter: Record<string, unknown>, order?: string): Promise<string[]> {
  const page = await list({ filter, orderBy: order, first: 100 });
  const byId = new Map(Object.entries(threads).map(([name, thread]) => [thread.id, name]));
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((edge) => byId.get(edge.node.id) ?? edge.node.title);
}

describe('threads: filters', () => {
  it('matches a region and all its NUTS descendants, and nothing outside it', async () => {
    expect((await names({ region: 'FR' })).sort()).toEqual(['aquitaine', 'event', 'paris']);
    expect((await names({ region: 'FR1' })).sort()).toEqual(['event', 'paris']);
    expect((await names({ region: 'FR10' })).sort()).toEqual(['event', 'paris']);
    expect(await names({ region: 'FR101' })).toEqual(['paris']);
    expect(await names({ region: 'FRI' })).toEqual(['aquitaine']);
    expect((await names({ region: 'de' })).sort()).toEqual(['berlin', 'event']);
    expect(await names({ region: 'ES' })).toEqual([]);
  });

  it('stores region codes upper-cased and lists them by code', async () => {
    expect(threads.event!.regions).toEqual([{ code: 'DE30' }, { code: 'FR10' }]);
  });

  it('filters by organisation, event, strands, policy areas and target groups (any of a list)', async () => {
    expect(await names({ organisation: 'eurocities' })).toEqual(['berlin']);
    expect(await names({ event: eventId })).toEqual(['event']);
    expect(await names({ event: randomUUID() })).toEqual([]);
    expect((await names({ strands: ['DIALOGUE', 'EVIDENCE_AND_DATA'] })).sort()).toEqual(['berlin', 'paris']);
    expect((await names({ policyAreas: ['HOUSING', 'EDUCATION_AND_TRAINING'] })).sort()).toEqual([
      'berlin',
      'paris',
    ]);
    expect(await names({ targetGroups: ['BENEFICIARIES_OF_INTERNATIONAL_PROTECTION'] })).toEqual([
      'aquitaine',
    ]);
  });

  it('combines conditions with AND', async () => {
    expect(await names({ region: 'FR', strands: ['DIALOGUE'] })).toEqual(['paris']);
    expect(await names({ region: 'DE', organisation: 'cpmr' })).toEqual(['event']);
  });

  it('lists open and locked threads by default, archived ones only when asked for', async () => {
    const all = await names({});
    expect(all).toContain('locked');
    expect(all).not.toContain('archived');
    expect(await names({ statuses: [] })).toEqual(all);
    expect(await names({ statuses: ['ARCHIVED'] })).toEqual(['archived']);
    expect(await names({ statuses: ['LOCKED'] })).toEqual(['locked']);
    expect((await names({ region: 'FR10', statuses: ['OPEN', 'ARCHIVED'] })).sort()).toEqual([
      'archived',
      'event',
      'paris',
    ]);
  });

  it('searches title and opening post ignoring case, accents and punctuation', async () => {
    expect(await names({ search: 'INTEGRATION' })).toEqual(['event']);
    expect(await names({ search: 'refugies' })).toEqual(['event']);
    expect(await names({ search: 'île-de-france' })).toEqual(['event']);
    expect(await names({ search: 'paris' })).toEqual(['paris']);
    expect(await names({ search: 'first housing', region: 'FR' })).toEqual(['aquitaine', 'paris']);
    expect(await names({ search: 'no such words' })).toEqual([]);
  });

  it('refuses malformed region codes, organisation ids and event ids, naming the argument', async () => {
    for (const [filter, path] of [
      [{ region: 'F-R' }, 'filter.region'],
      [{ region: 'FR%' }, 'filter.region'],
      [{ organisation: 'Not An Id' }, 'filter.organisation'],
      [{ event: 'not-a-uuid' }, 'filter.event'],
    ] as const) {
      const { body } = await forum.query(LIST, { filter });
      expectFieldError(body.errors, path);
    }
  });
});

describe('threads: order and paging', () => {
  it('orders by last activity (a reply moves a thread to the top), or by creation', async () => {
    const before = await names({});
    expect(before[0]).toBe('locked'); // the last started
    await reply(forum, threads.aquitaine!.id, 'We work with the regional employment service.');
    const after = await names({});
    expect(after[0]).toBe('aquitaine');
    expect(after.slice(1)).toEqual(before.filter((name) => name !== 'aquitaine'));
    expect(await names({}, 'CREATED_AT_DESC')).toEqual(['locked', 'event', 'berlin', 'aquitaine', 'paris']);
  });

  it('pages through a list with cursors: no gaps, no repeats, totalCount of the whole list', async () => {
    for (const order of ['LAST_ACTIVITY_DESC', 'CREATED_AT_DESC']) {
      const everything = (await list({ orderBy: order, first: 100 })).edges.map((edge) => edge.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await list({ orderBy: order, first: 2, after });
        expect(page.totalCount).toBe(everything.length);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((edge) => edge.node.id));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(everything);
      expect(pages).toBe(Math.ceil(everything.length / 2));
    }
  });

  it('refuses a cursor of another order, a foreign cursor and a page size out of range', async () => {
    const page = await list({ first: 1 });
    const other = await forum.query(LIST, { orderBy: 'CREATED_AT_DESC', after: page.pageInfo.endCursor });
    expectFieldError(other.body.errors, 'after');
    const foreign = await forum.query(LIST, { after: 'bm9wZQ' });
    expect(codeOf(foreign.body)).toBe('BAD_USER_INPUT');
    const tooMany = await forum.query(LIST, { first: 501 });
    expect(expectFieldError(tooMany.body.errors, 'first').join()).toContain('500');
  });

  it('counts without listing when only totalCount is asked for', async () => {
    const { body } = await forum.query<{ threads: { totalCount: number } }>(
      '{ threads(filter: { region: "FR" }) { totalCount } }',
    );
    expect(body.data!.threads.totalCount).toBe(3);
    expect(body.extensions!.sqlStatements).toBe(1);
  });
});

describe('thread(id)', () => {
  it('returns a thread with its fields, and null for an unknown or malformed id', async () => {
    const { body } = await forum.query<{ thread: ThreadData }>(
      `query ($id: ID!) { thread(id: $id) { ...ThreadFields } } ${THREAD_FIELDS}`,
      { id: threads.paris!.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.thread).toMatchObject({
      title: 'Housing in Paris',
      status: 'OPEN',
      strand: 'DIALOGUE',
      policyAreas: ['HOUSING'],
      targetGroups: ['THIRD_COUNTRY_NATIONALS'],
      postCount: 1,
      organisation: { id: 'cpmr' },
      author: { displayName: 'Test contributor of cpmr', organisation: { id: 'cpmr' } },
      regions: [{ code: 'FR101' }],
      event: null,
    });
    expect(body.data!.thread.openingPost.bodyHtml).toContain('<strong>first housing</strong>');
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const missing = await forum.query<{ thread: unknown }>('query ($id: ID!) { thread(id: $id) { id } }', {
        id,
      });
      expect(missing.body.errors).toBeUndefined();
      expect(missing.body.data!.thread).toBeNull();
    }
  });
});

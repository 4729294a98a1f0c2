import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpmrModerator, eurocitiesContributor, startForum, startThread, type ThreadData } from './helpers';

let forum: TestSubgraph;
const events = [randomUUID(), randomUUID(), randomUUID()];
const threads: Record<string, ThreadData> = {};

beforeAll(async () => {
  forum = await startForum();
  threads.lisbon = await startThread(forum, {
    title: 'Lisbon mentoring',
    regions: ['PT17'],
    event: events[0],
  });
  threads.porto = await startThread(forum, {
    title: 'Porto study visit',
    regions: ['PT11'],
    event: events[1],
  });
  threads.norte = await startThread(
    forum,
    { title: 'Norte and Lisbon', regions: ['PT11', 'PT17'], strand: 'DIALOGUE' },
    eurocitiesContributor,
  );
  threads.closed = await startThread(forum, { title: 'Closed Lisbon talk', regions: ['PT17'] });
  const { body } = await forum.query(
    'mutation ($id: ID!, $version: Int!) { archiveThread(input: { id: $id, version: $version, reason: "Done" }) { id } }',
    { id: threads.closed.id, version: threads.closed.version },
    cpmrModerator,
  );
  expect(body.errors).toBeUndefined();
});
afterAll(async () => forum?.stop());

interface Page {
  totalCount: number;
  edges: Array<{ node: { title: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `_entities` for `representations`; selections using $filter, $first or $after get them declared. */
async function entities<T>(selection: string, representations: object[], variables = {}): Promise<T[]> {
  const declared = selection.includes('$filter')
    ? ', $filter: ThreadFilter, $first: Int, $after: String'
    : '';
  const { body } = await forum.query<{ _entities: T[] }>(
    `query ($r: [_Any!]!${declared}) { _entities(representations: $r) { ${selection} } }`,
    { r: representations, ...variables },
  );
  expect(body.errors).toBeUndefined();
  return body.data!._entities;
}

const titles = (page: Page) => page.edges.map((edge) => edge.node.title);

describe('Region.threads', () => {
  const selection = `... on Region { code threads(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } }`;
  const regions = (...codes: string[]) => codes.map((code) => ({ __typename: 'Region', code }));

  it('lists the threads of each region and its descendants, most recent activity first', async () => {
    const result = await entities<{ code: string; threads: Page }>(
      selection,
      regions('PT', 'PT1', 'PT17', 'PT11', 'ES'),
    );
    expect(result.map((region) => [region.code, titles(region.threads), region.threads.totalCount])).toEqual([
      ['PT', ['Norte and Lisbon', 'Porto study visit', 'Lisbon mentoring'], 3],
      ['PT1', ['Norte and Lisbon', 'Porto study visit', 'Lisbon mentoring'], 3],
      ['PT17', ['Norte and Lisbon', 'Lisbon mentoring'], 2],
      ['PT11', ['Norte and Lisbon', 'Porto study visit'], 2],
      ['ES', [], 0],
    ]);
  });

  it('applies the filter (archived threads when asked) and pages each region on its own', async () => {
    const archived = await entities<{ threads: Page }>(selection, regions('PT17', 'PT11'), {
      filter: { statuses: ['ARCHIVED'] },
    });
    expect(archived.map((region) => titles(region.threads))).toEqual([['Closed Lisbon talk'], []]);
    const dialogue = await entities<{ threads: Page }>(selection, regions('PT'), {
      filter: { strands: ['DIALOGUE'] },
    });
    expect(titles(dialogue[0]!.threads)).toEqual(['Norte and Lisbon']);

    const [first] = await entities<{ threads: Page }>(selection, regions('PT'), { first: 2 });
    expect(first!.threads).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const [second] = await entities<{ threads: Page }>(selection, regions('PT'), {
      first: 2,
      after: first!.threads.pageInfo.endCursor,
    });
    expect([...titles(first!.threads), ...titles(second!.threads)]).toEqual([
      'Norte and Lisbon',
      'Porto study visit',
      'Lisbon mentoring',
    ]);
    expect(second!.threads.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves malformed region codes to null', async () => {
    const result = await entities<unknown>('... on Region { code }', regions('pt17', 'PT%'));
    expect(result).toEqual([null, null]);
  });
});

describe('Organisation.threads', () => {
  it('lists the threads started for each organisation', async () => {
    const result = await entities<{ id: string; threads: Page }>(
      '... on Organisation { id threads { totalCount edges { node { title } } } }',
      ['cpmr', 'eurocities', 'aer'].map((id) => ({ __typename: 'Organisation', id })),
    );
    expect(result.map((organisation) => [organisation.id, titles(organisation.threads)])).toEqual([
      ['cpmr', ['Porto study visit', 'Lisbon mentoring']],
      ['eurocities', ['Norte and Lisbon']],
      ['aer', []],
    ]);
  });
});

describe('Event.discussion and Thread.event', () => {
  it("resolves each event's discussion thread, null when it has none", async () => {
    const result = await entities<{
      id: string;
      discussion: { title: string; event: { id: string } } | null;
    }>(
      '... on Event { id discussion { title event { id } } }',
      events.map((id) => ({ __typename: 'Event', id })),
    );
    expect(result).toEqual([
      { id: events[0], discussion: { title: 'Lisbon mentoring', event: { id: events[0] } } },
      { id: events[1], discussion: { title: 'Porto study visit', event: { id: events[1] } } },
      { id: events[2], discussion: null },
    ]);
  });

  it('resolves Thread through _entities', async () => {
    const result = await entities<{ id: string; title: string } | null>('... on Thread { id title }', [
      { __typename: 'Thread', id: threads.norte!.id },
      { __typename: 'Thread', id: randomUUID() },
      { __typename: 'Thread', id: 'nope' },
    ]);
    expect(result).toEqual([{ id: threads.norte!.id, title: 'Norte and Lisbon' }, null, null]);
  });
});

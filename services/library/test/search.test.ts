import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createResource,
  eurocitiesEditor,
  publishedResource,
  startLibrary,
  type ResourceData,
} from './helpers';

let library: TestSubgraph;
let paris: ResourceData;
let thessaloniki: ResourceData;
let training: ResourceData;
let study: ResourceData;
let draft: ResourceData;
beforeAll(async () => {
  library = await startLibrary();
  paris = await publishedResource(library);
  thessaloniki = await publishedResource(library, {
    language: 'el',
    title: 'Κέντρο ένταξης μεταναστών Θεσσαλονίκης',
    summary: 'Μαθήματα γλώσσας και συμβουλευτική για πρόσφυγες.',
    body: 'Στη Θεσσαλονίκη.',
    versions: [
      {
        language: 'en',
        title: 'Migrant integration centre of Thessaloniki',
        summary: 'Language courses and counselling for refugees in Thessaloniki.',
      },
    ],
    territories: ['EL52'],
    policyAreas: ['EDUCATION_AND_TRAINING', 'COMMUNITY_SPONSORSHIP'],
    publishedOn: '2024-02-01',
  });
  training = await publishedResource(
    library,
    {
      kind: 'TRAINING_MATERIAL',
      language: 'de',
      title: 'Schulungen für Integrationsbeauftragte in Bayern',
      summary: 'Online-Kurse über Arbeitsmarktintegration.',
      body: '',
      territories: ['DE2', 'AT3'],
      policyAreas: ['EMPLOYMENT_AND_SKILLS'],
      publishedOn: '2024-09-15',
    },
    eurocitiesEditor,
  );
  study = await publishedResource(library, {
    kind: 'STUDY',
    language: 'en',
    title: 'Integrating migrants in rural regions',
    summary: 'A study of integration policies across Europe.',
    body: '',
    territories: ['EL', 'FR'],
    policyAreas: ['MONITORING_PROGRESS'],
    publishedOn: '2021-11-30',
  });
  draft = await createResource(library, { title: 'Brouillon confidentiel sur Paris', territories: ['FR10'] });
});
afterAll(async () => library?.stop());

const SEARCH = /* GraphQL */ `
  query ($filter: ResourceFilter, $orderBy: ResourceOrder, $first: Int, $after: String) {
    resources(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
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
      }
      facets {
        total
        kinds {
          kind
          count
        }
        policyAreas {
          policyArea
          count
        }
        countries {
          region {
            code
          }
          count
        }
        languages {
          language
          count
        }
        years {
          year
          count
        }
      }
    }
  }
`;

interface SearchData {
  resources: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; title: string } }>;
    pageInfo: { hasNextPage: boolean };
    facets: {
      total: number;
      kinds: Array<{ kind: string; count: number }>;
      policyAreas: Array<{ policyArea: string; count: number }>;
      countries: Array<{ region: { code: string }; count: number }>;
      languages: Array<{ language: string; count: number }>;
      years: Array<{ year: number; count: number }>;
    };
  };
}

async function search(
  variables: Record<string, unknown>,
  caller = undefined as Parameters<TestSubgraph['query']>[2],
) {
  const { body } = await library.query<SearchData>(SEARCH, variables, caller);
  expect(body.errors).toBeUndefined();
  return body.data!.resources;
}

const ids = (result: SearchData['resources']) => result.edges.map((edge) => edge.node.id);

describe('resources: full text search', () => {
  it('finds a French resource typed without accents, in another case, by a word beginning', async () => {
    expect(ids(await search({ filter: { query: 'GUICHET REFUGIES' } }))).toEqual([paris.id]);
    expect(ids(await search({ filter: { query: 'refug accu' } }))).toEqual([paris.id]);
  });

  it('uses each language’s stemming: "integration" finds the English study and the German training', async () => {
    const found = ids(await search({ filter: { query: 'integration' } }));
    expect(found).toEqual(expect.arrayContaining([study.id, thessaloniki.id]));
    expect(ids(await search({ filter: { query: 'integrationsbeauftragte' } }))).toEqual([training.id]);
  });

  it('tolerates a typo in a place name, in Latin and Greek script', async () => {
    expect(ids(await search({ filter: { query: 'Thessalonikki' } }))).toEqual([thessaloniki.id]);
    expect(ids(await search({ filter: { query: 'θεσσαλονικης' } }))).toEqual([thessaloniki.id]);
  });

  it('orders by relevance: a title match before a summary match', async () => {
    const found = ids(await search({ filter: { query: 'integration' }, orderBy: 'RELEVANCE' }));
    expect(found[0]).toBe(study.id);
  });

  it('never lists another organisation’s draft, nor counts it; its own organisation sees it when asked', async () => {
    const anonymous = await search({ filter: { query: 'brouillon', statuses: ['DRAFT', 'PUBLISHED'] } });
    expect(anonymous.totalCount).toBe(0);
    expect(anonymous.facets.total).toBe(0);
    const other = await search({ filter: { query: 'brouillon', statuses: ['DRAFT'] } }, eurocitiesEditor);
    expect(other.totalCount).toBe(0);
    const own = await search(
      { filter: { query: 'brouillon', statuses: ['DRAFT'] } },
      { subject: 'x', displayName: 'x', organisationId: 'cpmr', roles: ['contributor'] },
    );
    expect(ids(own)).toEqual([draft.id]);
  });
});

describe('resources: facets and filters', () => {
  it('counts the whole result by kind, policy area, country, language and year; kinds, languages, years add up', async () => {
    const all = await search({ first: 1 });
    expect(all.totalCount).toBe(4);
    expect(all.edges).toHaveLength(1);
    expect(all.pageInfo.hasNextPage).toBe(true);
    const { facets } = all;
    expect(facets.total).toBe(4);
    for (const list of [facets.kinds, facets.languages, facets.years]) {
      expect(list.reduce((sum, item) => sum + item.count, 0)).toBe(4);
    }
    expect(facets.kinds).toEqual([
      { kind: 'GOOD_PRACTICE', count: 2 },
      { kind: 'STUDY', count: 1 },
      { kind: 'TRAINING_MATERIAL', count: 1 },
    ]);
    expect(facets.countries).toEqual([
      { region: { code: 'EL' }, count: 2 },
      { region: { code: 'FR' }, count: 2 },
      { region: { code: 'AT' }, count: 1 },
      { region: { code: 'DE' }, count: 1 },
    ]);
    expect(facets.policyAreas).toContainEqual({ policyArea: 'COMMUNITY_SPONSORSHIP', count: 1 });
    expect(facets.years).toContainEqual({ year: 2024, count: 2 });
  });

  it('filters by kind, policy area, country, language, year, publisher, and region with its sub-regions', async () => {
    expect(ids(await search({ filter: { kinds: ['STUDY'] } }))).toEqual([study.id]);
    expect(ids(await search({ filter: { policyAreas: ['COMMUNITY_SPONSORSHIP'] } }))).toEqual([
      thessaloniki.id,
    ]);
    expect(ids(await search({ filter: { countries: ['AT'] } }))).toEqual([training.id]);
    expect(ids(await search({ filter: { languages: ['el'] } }))).toEqual([thessaloniki.id]);
    expect(ids(await search({ filter: { years: [2021] } }))).toEqual([study.id]);
    expect(ids(await search({ filter: { publisher: 'eurocities' } }))).toEqual([training.id]);
    expect(ids(await search({ filter: { region: 'EL' }, orderBy: 'PUBLISHED_ON_ASC' }))).toEqual([
      study.id,
      thessaloniki.id,
    ]);
    expect(ids(await search({ filter: { region: 'EL5' } }))).toEqual([thessaloniki.id]);
    // facets follow the filter
    const greek = await search({ filter: { region: 'EL', query: 'integration' } });
    expect(greek.facets.total).toBe(greek.totalCount);
  });

  it('pages with cursors of the same order', async () => {
    const first = await search({ first: 2, orderBy: 'PUBLISHED_ON_DESC' });
    const next = await search({ first: 2, after: first.edges[1]!.cursor, orderBy: 'PUBLISHED_ON_DESC' });
    expect([...ids(first), ...ids(next)]).toEqual([paris.id, training.id, thessaloniki.id, study.id]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });
});

import { sqlOn, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResource, publishedResource, startLibrary } from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

/** `n` well-formed NUTS 2 codes of a made-up country (no regions peer here: codes are checked for format only). */
const nuts2Codes = (n: number, country = 'ZZ') =>
  Array.from(
    { length: n },
    (_, i) => `${country}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(i / 10)]}${i % 10}`,
  );

/** `n` published resources inserted straight into the table (the trigger derives the search columns). */
async function insertPublished(n: number, territories: string[], prefix: string): Promise<void> {
  await sqlOn(
    library,
    `INSERT INTO resource (id, kind, status, language, title, summary, organisation_id, published_on,
       territory_codes, published_at, policy_areas)
     SELECT gen_random_uuid(), 'REPORT', 'PUBLISHED', 'en', ? || ' report ' || i, 'A report.',
            'publisher-' || (i % 7), '2025-01-01', ?::text[], now(), '{HEALTH}'
     FROM generate_series(1, ?) i`,
    [prefix, `{${territories.join(',')}}`, n],
  );
}

const MAP = /* GraphQL */ `
  query ($filter: ResourceFilter, $level: MapLevel, $country: ID) {
    resourcesByRegion(filter: $filter, level: $level, country: $country) {
      maxCount
      cells {
        region {
          code
        }
        count
      }
    }
  }
`;

interface MapData {
  resourcesByRegion: { maxCount: number; cells: Array<{ region: { code: string }; count: number }> };
}

async function map(variables: Record<string, unknown>) {
  const { body } = await library.query<MapData>(MAP, variables);
  expect(body.errors).toBeUndefined();
  return { ...body.data!.resourcesByRegion, statements: body.extensions!.sqlStatements as number };
}

describe('resourcesByRegion', () => {
  it('counts a resource in its NUTS 2 region and its country; a country-wide one only in the country', async () => {
    await publishedResource(library, { territories: ['EL43', 'EL52'] });
    await publishedResource(library, { territories: ['EL'] });
    await createResource(library, { territories: ['EL43'] }); // a draft counts nowhere
    const nuts2 = await map({ level: 'NUTS2', country: 'EL' });
    expect(nuts2.cells).toEqual([
      { region: { code: 'EL43' }, count: 1 },
      { region: { code: 'EL52' }, count: 1 },
    ]);
    const countries = await map({ level: 'COUNTRY', filter: { region: 'EL' } });
    expect(countries.cells).toEqual([{ region: { code: 'EL' }, count: 2 }]);
    expect(countries.maxCount).toBe(2);
  });

  it('refuses a country that is not a level-0 code', async () => {
    const { body } = await library.query(MAP, { level: 'NUTS2', country: 'EL4' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers in the same statements for 10 and 244 regions', async () => {
    await insertPublished(3, nuts2Codes(10, 'XA'), 'ten');
    await insertPublished(3, nuts2Codes(244, 'XB'), 'many');
    const ten = await map({ level: 'NUTS2', country: 'XA' });
    const many = await map({ level: 'NUTS2', country: 'XB' });
    expect(ten.cells).toHaveLength(10);
    expect(many.cells).toHaveLength(244);
    expect(many.cells.every((cell) => cell.count === 3)).toBe(true);
    expect(many.statements).toBe(ten.statements);
    expect(many.statements).toBe(1);
  });
});

const SEARCH = /* GraphQL */ `
  query ($filter: ResourceFilter, $first: Int) {
    resources(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          publisher {
            id
          }
          territories {
            code
          }
          versions {
            language
          }
        }
      }
      facets {
        total
        countries {
          region {
            code
          }
          count
        }
      }
    }
  }
`;

describe('resources: statements per request', () => {
  it('are the same for 10 and 100 results with publishers, territories and facets', async () => {
    await insertPublished(100, ['FR10', 'FRB0', 'DE30'], 'paged');
    const run = async (first: number) => {
      const { body } = await library.query<{ resources: { edges: unknown[]; totalCount: number } }>(SEARCH, {
        filter: { query: 'paged report' },
        first,
      });
      expect(body.errors).toBeUndefined();
      expect(body.data!.resources.edges).toHaveLength(first);
      expect(body.data!.resources.totalCount).toBe(100);
      return body.extensions!.sqlStatements as number;
    };
    const ten = await run(10);
    const hundred = await run(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBe(3); // the words resolved, the page, the facets (whose total is totalCount)
  });
});

const POINTS = /* GraphQL */ `
  query ($bbox: BoundingBoxInput!, $limit: Int) {
    resourcePoints(bbox: $bbox, limit: $limit)
  }
`;

describe('resourcePoints', () => {
  const europe = { west: -25, south: 34, east: 45, north: 72 };

  it('answers a GeoJSON FeatureCollection of located resources inside the box, clustered above the limit', async () => {
    const paris = await publishedResource(library, { location: { longitude: 2.35, latitude: 48.86 } });
    await publishedResource(library, { location: { longitude: 2.3, latitude: 48.8 } });
    await publishedResource(library, { location: { longitude: 23.7, latitude: 37.98 } });
    await publishedResource(library, { location: { longitude: -73.9, latitude: 40.7 } }); // outside the box
    await createResource(library, { location: { longitude: 2.35, latitude: 48.86 } }); // a draft
    const { body } = await library.query<{ resourcePoints: Record<string, unknown> }>(POINTS, {
      bbox: europe,
    });
    expect(body.errors).toBeUndefined();
    const points = body.data!.resourcePoints as {
      type: string;
      features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
      properties: { total: number; clustered: boolean };
    };
    expect(points.type).toBe('FeatureCollection');
    expect(points.properties).toEqual({ total: 3, clustered: false });
    expect(points.features).toContainEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [2.35, 48.86] },
      properties: { id: paris.id, title: 'Guichet d’accueil des réfugiés à Paris', kind: 'GOOD_PRACTICE' },
    });
    const clustered = await library.query<{ resourcePoints: typeof points }>(POINTS, {
      bbox: europe,
      limit: 2,
    });
    const clusters = clustered.body.data!.resourcePoints;
    expect(clusters.properties).toEqual({ total: 3, clustered: true });
    expect(clusters.features.map((feature) => feature.properties)).toEqual([
      { cluster: true, count: 2 },
      { cluster: true, count: 1 },
    ]);
  });

  it('refuses an empty box', async () => {
    const { body } = await library.query(POINTS, { bbox: { ...europe, east: -30 } });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

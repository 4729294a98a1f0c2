import { internalTokenHeaders, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegions } from './helpers';

let regions: TestSubgraph;
beforeAll(async () => {
  regions = await startRegions();
});
afterAll(async () => regions?.stop());

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: Array<{ cursor: string; node: { code: string } }>;
}

async function page(args: string): Promise<Page> {
  const { body } = await regions.query<{ regions: Page }>(
    `{ regions(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { code } } } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.regions;
}

async function searchCodes(search: string): Promise<string[]> {
  const result = await page(`search: ${JSON.stringify(search)}, first: 500`);
  return result.edges.map((edge) => edge.node.code);
}

describe('region search', () => {
  it.each([
    ['ile de france', 'FR10'],
    ['Île-de-France', 'FR10'],
    ['ILE-DE-FRANCE', 'FR10'],
    ['Κρήτη', 'EL43'],
    ['κρητη', 'EL43'],
    ['kriti', 'EL43'],
    ['skane', 'SE224'],
    ['Skåne län', 'SE224'],
    ['fr10', 'FR10'],
  ])('"%s" finds %s', async (search, code) => {
    expect(await searchCodes(search)).toContain(code);
  });

  it('matches word starts only, so "kriti" does not find "Vilniaus apskritis"', async () => {
    const codes = await searchCodes('kriti');
    expect(codes).not.toContain('LT011');
    expect(codes).toEqual(['EL4', 'EL43']);
  });

  it('needs every word: "ile france" finds FR10 but "ile mars" finds nothing', async () => {
    expect(await searchCodes('ile france')).toContain('FR10');
    expect(await searchCodes('ile mars')).toEqual([]);
  });

  it('combines search with level and country filters', async () => {
    expect(await searchCodes('bretagne')).toEqual(['FRH', 'FRH0']);
    const level2 = await page('search: "bretagne", level: 2');
    expect(level2.edges.map((e) => e.node.code)).toEqual(['FRH0']);
    const wrongCountry = await page('search: "bretagne", country: "DE"');
    expect(wrongCountry.totalCount).toBe(0);
    // `country` is the code of the level-0 region, so Greece is "EL" (its ISO code GR names no region).
    expect((await page('search: "kriti", country: "EL"')).totalCount).toBe(2);
    expect((await page('search: "kriti", country: "el"')).totalCount).toBe(2);
    expect((await page('search: "kriti", country: "GR"')).totalCount).toBe(0);
  });

  it('treats punctuation-only search as no filter', async () => {
    const all = await page('search: " - , ", first: 0');
    expect(all.totalCount).toBe((await page('first: 0')).totalCount);
  });
});

describe('region connection paging', () => {
  it('walks the whole list page by page without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page(
        `country: "FR", level: 2, first: 7${after ? `, after: "${after}"` : ''}`,
      );
      seen.push(...result.edges.map((e) => e.node.code));
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 20);
    const whole = await page('country: "FR", level: 2, first: 500');
    expect(seen).toEqual(whole.edges.map((e) => e.node.code));
    expect(new Set(seen).size).toBe(whole.totalCount);
  });

  it('returns an empty page with a total for first: 0', async () => {
    const result = await page('level: 0, first: 0');
    expect(result.edges).toEqual([]);
    expect(result.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(result.totalCount).toBe(37);
  });

  it('ends with hasNextPage false exactly at the last item', async () => {
    const all = await page('level: 0, first: 500');
    const exact = await page(`level: 0, first: ${all.totalCount}`);
    expect(exact.pageInfo.hasNextPage).toBe(false);
    const short = await page(`level: 0, first: ${all.totalCount - 1}`);
    expect(short.pageInfo.hasNextPage).toBe(true);
    const afterLast = await page(`level: 0, after: "${exact.pageInfo.endCursor}"`);
    expect(afterLast.edges).toEqual([]);
    expect(afterLast.pageInfo.hasNextPage).toBe(false);
  });

  it('uses the default page size of 50 when first is omitted', async () => {
    expect((await page('level: 3')).edges).toHaveLength(50);
  });

  it('pages organisations the same way', async () => {
    const { body } = await regions.query<{
      organisations: {
        totalCount: number;
        pageInfo: { endCursor: string };
        edges: Array<{ node: { id: string } }>;
      };
    }>(
      '{ organisations(kind: GEOGRAPHICAL_COMMISSION, first: 4) { totalCount pageInfo { endCursor } edges { node { id } } } }',
    );
    expect(body.data!.organisations.totalCount).toBe(6);
    const { body: next } = await regions.query<{ organisations: { edges: Array<{ node: { id: string } }> } }>(
      `{ organisations(kind: GEOGRAPHICAL_COMMISSION, after: "${body.data!.organisations.pageInfo.endCursor}") { edges { node { id } } } }`,
    );
    expect(next.data!.organisations.edges).toHaveLength(2);
  });
});

describe('bad input', () => {
  it('returns null for an unknown region or organisation', async () => {
    const { body } = await regions.query(
      '{ region(code: "XX99") { code } organisation(id: "nobody") { id } }',
    );
    expect(body).toEqual({ data: { region: null, organisation: null }, extensions: expect.anything() });
  });

  it.each([
    ['level: 7', 'level', 'level must not be greater than 3'],
    ['first: -1', 'first', 'must be a whole number from 0 to 500'],
    ['first: 10000', 'first', 'must be a whole number from 0 to 500'],
    ['after: "not-a-cursor"', 'after', 'is not a cursor'],
    [`search: "${'a'.repeat(201)}"`, 'search', 'search must be shorter than or equal to 200 characters'],
    ['country: "France"', 'country', 'two-letter code of a level-0 region'],
  ])('%s → BAD_USER_INPUT with a field error at its path', async (args, path, message) => {
    const { status, body } = await regions.query(`{ regions(${args}) { totalCount } }`);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toContain(`Invalid input: ${path}: `);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path, messages: [expect.stringContaining(message)] }],
    });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('answers malformed JSON with HTTP 400 and a clear message', async () => {
    const response = await fetch(regions.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await internalTokenHeaders(undefined, regions.url)),
      },
      body: '{"query": "{ regions { totalCount }"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Malformed JSON in the request body.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a malformed query with HTTP 400 and GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await regions.query('{ regions { totalCount }');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

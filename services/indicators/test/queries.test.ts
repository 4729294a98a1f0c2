import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

describe('indicator and indicators', () => {
  it('finds an indicator by code, null for an unknown one, and filters by domain', async () => {
    const { body } = await indicators.query<{
      known: { name: string; higherIsBetter: boolean } | null;
      unknown: unknown;
      employment: Array<{ code: string }>;
      health: unknown[];
    }>(`{
      known: indicator(code: "employment_gap_20_64") { name higherIsBetter description }
      unknown: indicator(code: "nope") { name }
      employment: indicators(domain: EMPLOYMENT) { code }
      health: indicators(domain: HEALTH) { code }
    }`);
    expect(body.data!.known!.higherIsBetter).toBe(false);
    expect(body.data!.unknown).toBeNull();
    expect(body.data!.employment.map((i) => i.code)).toEqual([
      'employment_gap_20_64',
      'employment_rate_20_64',
      'unemployment_rate_15_74',
    ]);
    expect(body.data!.health).toEqual([]);
  });
});

const OBSERVATIONS = /* GraphQL */ `
  query (
    $i: ID!
    $regions: [ID!]
    $level: Int
    $country: ID
    $periods: [Int!]
    $b: Breakdown
    $first: Int
    $after: String
  ) {
    observations(
      indicator: $i
      regions: $regions
      level: $level
      country: $country
      periods: $periods
      breakdown: $b
      first: $first
      after: $after
    ) {
      totalCount
      edges {
        node {
          region {
            code
          }
          period
          breakdown
          value
          indicator {
            code
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface ObservationsData {
  observations: {
    totalCount: number;
    edges: Array<{
      node: { region: { code: string }; period: number; breakdown: string; value: number | null };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('observations', () => {
  it('filters by country and level derived from the code, and pages in order', async () => {
    const vars = { i: 'employment_rate_20_64', country: 'at', level: 2, first: 5 };
    const page1 = await indicators.query<ObservationsData>(OBSERVATIONS, vars);
    expect(page1.body.errors).toBeUndefined();
    const { observations } = page1.body.data!;
    expect(observations.totalCount).toBe(18); // 9 Austrian NUTS 2 regions × native/foreign-born
    expect(observations.edges.map((e) => `${e.node.region.code}:${e.node.breakdown}`)).toEqual([
      'AT11:FOREIGN_BORN',
      'AT11:NATIVE_BORN',
      'AT12:FOREIGN_BORN',
      'AT12:NATIVE_BORN',
      'AT13:FOREIGN_BORN',
    ]);
    const page2 = await indicators.query<ObservationsData>(OBSERVATIONS, {
      ...vars,
      after: observations.pageInfo.endCursor,
    });
    expect(page2.body.data!.observations.edges[0]!.node).toMatchObject({
      region: { code: 'AT13' },
      value: 75.6,
    });
  });

  it('matches nothing for unknown regions, another level, or empty periods', async () => {
    for (const extra of [{ regions: ['XX99', 'AT13'] }, { level: 3 }, { periods: [] }, { periods: [1999] }]) {
      const { body } = await indicators.query<ObservationsData>(OBSERVATIONS, {
        i: 'employment_rate_20_64',
        b: 'FOREIGN_BORN',
        ...extra,
      });
      expect(body.errors).toBeUndefined();
      const expected = 'regions' in extra ? 1 : 0;
      expect(body.data!.observations.totalCount, JSON.stringify(extra)).toBe(expected);
    }
  });

  it('refuses an unknown indicator, a bad level, country, year, first or cursor with a field error at its path', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ i: 'nope' }, 'indicator', 'unknown indicator "nope"'],
      [{ i: 'employment_rate_20_64', level: 4 }, 'level', 'level must not be greater than 3'],
      [{ i: 'employment_rate_20_64', country: 'AUT' }, 'country', 'two-letter code of a level-0 region'],
      [
        { i: 'employment_rate_20_64', periods: [2025, 1200] },
        'periods',
        'periods must not be less than 1900',
      ],
      [{ i: 'employment_rate_20_64', first: 501 }, 'first', 'must be a whole number from 0 to 500 (got 501)'],
      [{ i: 'employment_rate_20_64', after: 'garbage' }, 'after', 'is not a cursor returned by this list'],
    ];
    for (const [variables, path, message] of cases) {
      const { body } = await indicators.query(OBSERVATIONS, variables);
      expect(body.errors?.[0]?.extensions, path).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path, messages: [expect.stringContaining(message)] }],
      });
    }
  });
});

describe('series', () => {
  const SERIES = /* GraphQL */ `
    query ($i: ID!, $r: ID!, $b: Breakdown, $from: Int, $to: Int) {
      series(indicator: $i, region: $r, breakdown: $b, from: $from, to: $to) {
        period
        value
        breakdown
      }
    }
  `;

  it('returns the values by year, with the default breakdown', async () => {
    const { body } = await indicators.query<{ series: unknown[] }>(SERIES, {
      i: 'employment_rate_20_64',
      r: 'AT13',
    });
    expect(body.data!.series).toEqual([{ period: 2025, value: 75.6, breakdown: 'NATIVE_BORN' }]);
    const outside = await indicators.query<{ series: unknown[] }>(SERIES, {
      i: 'net_migration_rate',
      r: 'AT13',
      from: 2025,
    });
    expect(outside.body.data!.series).toEqual([]);
    const unknownRegion = await indicators.query<{ series: unknown[] }>(SERIES, {
      i: 'net_migration_rate',
      r: 'ZZ1',
    });
    expect(unknownRegion.body.data!.series).toEqual([]);
  });

  it('refuses from after to', async () => {
    const { body } = await indicators.query(SERIES, {
      i: 'net_migration_rate',
      r: 'AT13',
      from: 2025,
      to: 2020,
    });
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'from', messages: ['must not be after to (2025 > 2020)'] }],
    });
  });
});

describe('ranking and compare', () => {
  it('ranks best first by default (lowest gap first) and leaves country and EU values null', async () => {
    const { body } = await indicators.query<{
      ranking: {
        totalCount: number;
        edges: Array<{
          node: {
            rank: number;
            observation: { region: { code: string }; value: number };
            countryValue: null;
            euValue: null;
          };
        }>;
      };
    }>(`{ ranking(indicator: "employment_gap_20_64", country: "AT", first: 3) {
      totalCount edges { node { rank countryValue euValue observation { region { code } value period } } }
    } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.ranking.totalCount).toBe(9); // the 9 Austrian NUTS 2 regions
    const rows = body.data!.ranking.edges.map((edge) => edge.node);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.observation.region.code).toMatch(/^AT/);
    expect(rows.map((r) => r.observation.value)).toEqual(
      [...rows.map((r) => r.observation.value)].sort((a, b) => a - b),
    );
    expect(rows[0]).toMatchObject({ rank: 1, countryValue: null, euValue: null });
  });

  it('orders lowest first when asked and ranks higher-is-better indicators highest first', async () => {
    type Values = { edges: Array<{ node: { observation: { value: number } } }> };
    const { body } = await indicators.query<{ asc: Values; best: Values }>(`{
      asc: ranking(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, orderBy: VALUE_ASC, first: 2) { edges { node { observation { value } } } }
      best: ranking(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, first: 2) { edges { node { observation { value } } } }
    }`);
    expect(body.errors).toBeUndefined();
    const [low1, low2] = body.data!.asc.edges.map((e) => e.node.observation.value);
    const [high1, high2] = body.data!.best.edges.map((e) => e.node.observation.value);
    expect(low1!).toBeLessThanOrEqual(low2!);
    expect(high1!).toBeGreaterThanOrEqual(high2!);
    expect(high1!).toBeGreaterThan(low1!);
  });

  it('pages a ranking with cursors: the pages join up to the whole ranking, ranks unchanged', async () => {
    type Page = {
      ranking: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { rank: number; observation: { region: { code: string } } } }>;
      };
    };
    const RANKING = `query ($first: Int, $after: String) {
      ranking(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, level: 2, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { rank observation { region { code } } } }
      }
    }`;
    const whole = await indicators.query<Page>(RANKING, { first: 500 });
    expect(whole.body.errors).toBeUndefined();
    const all = whole.body.data!.ranking.edges.map((e) => [e.node.rank, e.node.observation.region.code]);
    expect(all.length).toBe(whole.body.data!.ranking.totalCount);
    const seen: unknown[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { body: { data?: Page | null } } = await indicators.query<Page>(RANKING, {
        first: 40,
        after,
      });
      seen.push(...page.body.data!.ranking.edges.map((e) => [e.node.rank, e.node.observation.region.code]));
      after = page.body.data!.ranking.pageInfo.hasNextPage
        ? page.body.data!.ranking.pageInfo.endCursor
        : null;
      pages += 1;
    } while (after && pages < 50);
    expect(seen).toEqual(all);
    const otherYear = await indicators.query(
      `{ ranking(indicator: "employment_rate_20_64", period: 2024, after: "${whole.body.data!.ranking.pageInfo.endCursor}") { totalCount } }`,
    );
    expect(otherYear.body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { path: 'after', messages: ['is not a cursor of this ranking (another year or order)'] },
    ]);
    const otherOrder = await indicators.query(
      `{ ranking(indicator: "employment_rate_20_64", orderBy: VALUE_ASC, after: "${whole.body.data!.ranking.pageInfo.endCursor}") { totalCount } }`,
    );
    expect(otherOrder.body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { path: 'after', messages: ['is not a cursor of this ranking (another year or order)'] },
    ]);
  });

  it('compares regions side by side with the gap as first minus second breakdown', async () => {
    const { body } = await indicators.query<{
      compare: Array<{
        region: { code: string };
        period: number;
        gap: number | null;
        observations: Array<{ breakdown: string }>;
      }>;
    }>(`{ compare(indicator: "employment_rate_20_64", regions: ["AT13", "AT11", "XX1"], gapBetween: [NATIVE_BORN, FOREIGN_BORN]) {
      region { code } period gap observations { breakdown value }
    } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.compare.map((c) => [c.region.code, c.period, c.gap, c.observations.length])).toEqual([
      ['AT13', 2025, 8.9, 2],
      ['AT11', 2025, 6.5, 2],
      ['XX1', 2025, null, 0],
    ]);
    const reversed = await indicators.query<{ compare: Array<{ gap: number }> }>(
      '{ compare(indicator: "employment_rate_20_64", regions: ["AT13"], gapBetween: [FOREIGN_BORN, NATIVE_BORN]) { gap } }',
    );
    expect(reversed.body.data!.compare[0]!.gap).toBe(-8.9);
  });

  it('gives a null gap when one breakdown is missing, and refuses a breakdown the indicator lacks', async () => {
    const { body } = await indicators.query<{ compare: Array<{ gap: number | null }> }>(
      '{ compare(indicator: "unemployment_rate_15_74", regions: ["AT11", "AT13"], gapBetween: [FOREIGN_BORN, NATIVE_BORN]) { gap } }',
    );
    expect(body.data!.compare.map((c) => c.gap)).toEqual([null, 5.6]);
    const bad = await indicators.query(
      '{ compare(indicator: "unemployment_rate_15_74", regions: ["AT11"], gapBetween: [TOTAL, NATIVE_BORN]) { gap } }',
    );
    expect(bad.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        {
          path: 'gapBetween',
          messages: [
            'indicator "unemployment_rate_15_74" has no breakdown TOTAL (it has NATIVE_BORN, FOREIGN_BORN)',
          ],
        },
      ],
    });
    const same = await indicators.query(
      '{ compare(indicator: "unemployment_rate_15_74", regions: ["AT11"], gapBetween: [NATIVE_BORN, NATIVE_BORN]) { gap } }',
    );
    expect(same.body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { path: 'gapBetween', messages: ['gapBetween must name two different breakdowns'] },
    ]);
  });
});

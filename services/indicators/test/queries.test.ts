import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionRanks } from '../src/resolvers/analysis.resolver';
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
    $country: String
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

  it('refuses an unknown indicator, a bad level or first with BAD_USER_INPUT naming the argument', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ i: 'nope' }, 'indicator'],
      [{ i: 'employment_rate_20_64', level: 4 }, 'level'],
      [{ i: 'employment_rate_20_64', first: 501 }, 'first'],
      [{ i: 'employment_rate_20_64', after: 'garbage' }, 'after'],
    ];
    for (const [variables, argumentName] of cases) {
      const { body } = await indicators.query(OBSERVATIONS, variables);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
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
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'from' });
  });
});

describe('ranking and compare', () => {
  it('computes competition ranks: ties share a rank and the next rank skips', () => {
    expect(competitionRanks([9, 7, 7, 5, 5, 5, 1])).toEqual([1, 2, 2, 4, 4, 4, 7]);
  });

  it('ranks best first by default (lowest gap first) and leaves country and EU values null', async () => {
    const { body } = await indicators.query<{
      ranking: Array<{
        rank: number;
        observation: { region: { code: string }; value: number };
        countryValue: null;
        euValue: null;
      }>;
    }>(`{ ranking(indicator: "employment_gap_20_64", country: "AT", first: 3) {
      rank countryValue euValue observation { region { code } value period }
    } }`);
    expect(body.errors).toBeUndefined();
    const rows = body.data!.ranking;
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.observation.value)).toEqual(
      [...rows.map((r) => r.observation.value)].sort((a, b) => a - b),
    );
    expect(rows[0]).toMatchObject({ rank: 1, countryValue: null, euValue: null });
  });

  it('orders DESC when asked and ranks higher-is-better indicators highest first', async () => {
    const { body } = await indicators.query<{
      asc: Array<{ observation: { value: number } }>;
      best: Array<{ observation: { value: number } }>;
    }>(`{
      asc: ranking(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, order: ASC, first: 2) { observation { value } }
      best: ranking(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, first: 2) { observation { value } }
    }`);
    const [low1, low2] = body.data!.asc.map((r) => r.observation.value);
    const [high1, high2] = body.data!.best.map((r) => r.observation.value);
    expect(low1!).toBeLessThanOrEqual(low2!);
    expect(high1!).toBeGreaterThanOrEqual(high2!);
    expect(high1!).toBeGreaterThan(low1!);
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
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'gapBetween',
    });
  });
});

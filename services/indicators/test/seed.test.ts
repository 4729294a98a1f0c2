import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndicatorCsv } from '../src/seeds/eurostat.seed';
import { startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

const csv = readIndicatorCsv();

/** CSV column → indicator and breakdown, as the seed maps them. */
const COLUMNS: Array<[string, string, string]> = [
  ['population_15_64_ths', 'population_15_64', 'TOTAL'],
  ['foreign_born_15_64_ths', 'population_15_64', 'FOREIGN_BORN'],
  ['foreign_born_share_pct', 'population_share_15_64', 'FOREIGN_BORN'],
  ['non_eu_born_share_pct', 'population_share_15_64', 'NON_EU_BORN'],
  ['foreign_citizen_share_pct', 'population_share_15_64', 'FOREIGN_CITIZENS'],
  ['employment_rate_native_born_pct', 'employment_rate_20_64', 'NATIVE_BORN'],
  ['employment_rate_foreign_born_pct', 'employment_rate_20_64', 'FOREIGN_BORN'],
  ['employment_gap_pp', 'employment_gap_20_64', 'NATIVE_MINUS_FOREIGN_BORN'],
  ['unemployment_rate_native_born_pct', 'unemployment_rate_15_74', 'NATIVE_BORN'],
  ['unemployment_rate_foreign_born_pct', 'unemployment_rate_15_74', 'FOREIGN_BORN'],
  ['net_migration_per_1000', 'net_migration_rate', 'TOTAL'],
];

async function count(indicator: string, breakdown: string): Promise<number> {
  const { body } = await indicators.query<{ observations: { totalCount: number } }>(
    `query ($i: ID!, $b: Breakdown) { observations(indicator: $i, breakdown: $b, first: 0) { totalCount } }`,
    { i: indicator, b: breakdown },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.observations.totalCount;
}

async function latest(region: string, indicator: string, breakdown: string) {
  const { body } = await indicators.query<{
    _entities: Array<{ latest: { value: number | null; period: number; source: string } | null }>;
  }>(
    `query ($r: [_Any!]!, $i: ID!, $b: Breakdown) {
      _entities(representations: $r) { ... on Region { latest(indicator: $i, breakdown: $b) { value period source } } }
    }`,
    { r: [{ __typename: 'Region', code: region }], i: indicator, b: breakdown },
  );
  expect(body.errors).toBeUndefined();
  return body.data!._entities[0]!.latest;
}

describe('seed fidelity against the CSV', () => {
  it('seeds the six indicators with their units, datasets and derivation', async () => {
    const { body } = await indicators.query<{
      indicators: Array<{
        code: string;
        unit: string;
        isDerived: boolean;
        breakdowns: string[];
        source: { datasetCode: string };
      }>;
    }>('{ indicators { code unit isDerived higherIsBetter breakdowns source { datasetCode licence } } }');
    expect(body.data!.indicators.map((i) => [i.code, i.unit, i.isDerived, i.source.datasetCode])).toEqual([
      ['employment_gap_20_64', 'PERCENTAGE_POINTS', true, 'lfst_r_lfe2emprc'],
      ['employment_rate_20_64', 'PERCENT', false, 'lfst_r_lfe2emprc'],
      ['net_migration_rate', 'PER_1000_INHABITANTS', false, 'tgs00099'],
      ['population_15_64', 'THOUSAND_PERSONS', false, 'lfst_r_lfsd2pwc'],
      ['population_share_15_64', 'PERCENT', true, 'lfst_r_lfsd2pwc'],
      ['unemployment_rate_15_74', 'PERCENT', false, 'lfst_r_lfur2gac'],
    ]);
  });

  it('holds one observation per non-empty cell, as many as the README states', async () => {
    for (const [column, indicator, breakdown] of COLUMNS) {
      const nonEmpty = csv.filter((row) => row[column] !== '').length;
      expect(await count(indicator, breakdown), column).toBe(nonEmpty);
    }
    expect(await count('population_share_15_64', 'FOREIGN_BORN')).toBe(279);
    expect(await count('population_share_15_64', 'NON_EU_BORN')).toBe(273);
    expect(await count('population_share_15_64', 'FOREIGN_CITIZENS')).toBe(239);
    expect(await count('employment_gap_20_64', 'NATIVE_MINUS_FOREIGN_BORN')).toBe(272);
    expect(await count('unemployment_rate_15_74', 'FOREIGN_BORN')).toBe(185);
    expect(await count('net_migration_rate', 'TOTAL')).toBe(290);
  });

  it('keeps the real values of Wien (AT13)', async () => {
    expect(await latest('AT13', 'employment_rate_20_64', 'FOREIGN_BORN')).toEqual({
      value: 66.7,
      period: 2025,
      source: 'lfst_r_lfe2emprc',
    });
    expect((await latest('AT13', 'employment_gap_20_64', 'NATIVE_MINUS_FOREIGN_BORN'))?.value).toBe(8.9);
    expect((await latest('AT13', 'population_15_64', 'TOTAL'))?.value).toBe(1373.4);
    expect(await latest('AT13', 'net_migration_rate', 'TOTAL')).toMatchObject({ value: 10.1, period: 2024 });
    expect(await latest('AT13', 'population_share_15_64', 'FOREIGN_CITIZENS')).toMatchObject({
      value: 40.1,
      source: 'lfst_r_lfsd2pwn',
    });
  });

  it('matches the CSV cell by cell for a sample of rows', async () => {
    for (const record of csv.filter((_, index) => index % 29 === 0)) {
      for (const [column, indicator, breakdown] of COLUMNS) {
        const cell = record[column]!;
        const observed = await latest(record.nuts_id!, indicator, breakdown);
        expect(observed?.value ?? null, `${record.nuts_id} ${column}`).toBe(
          cell === '' ? null : Number(cell),
        );
      }
    }
  });

  it('leaves empty cells absent: AT11 has no foreign-born unemployment rate, not a zero', async () => {
    expect(csv.find((row) => row.nuts_id === 'AT11')!.unemployment_rate_foreign_born_pct).toBe('');
    expect(await latest('AT11', 'unemployment_rate_15_74', 'FOREIGN_BORN')).toBeNull();
    const { body } = await indicators.query<{ observations: { totalCount: number } }>(
      '{ observations(indicator: "unemployment_rate_15_74", regions: ["AT11"]) { totalCount } }',
    );
    expect(body.data!.observations.totalCount).toBe(1); // the native-born rate only
  });
});

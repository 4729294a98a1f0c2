import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl } from '@hub/kit';
import { internalTokenHeaders, postGraphQL, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { loadRegionSeedRows } from '@hub/regions/dist/seeds/regions.data';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readIndicatorCsv } from '../src/seeds/eurostat.seed';
import { BREAKDOWN_LABELS, EU27_COUNTRIES, INDICATOR_TEXTS, UNIT_LABELS } from '../src/seeds/labels.data';
import { SEED_INDICATORS } from '../src/seeds/catalogue.data';
import { importObservationsFile } from '../src/writes/import.write';
import { sql, startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

// the test's own clock, not the code's: a year later than this one is the future
const THIS_YEAR = new Date().getUTCFullYear();
const cpmr = testCaller('cpmr', ['contributor'], 'contributor-cpmr');

const RECORD = /* GraphQL */ `
  mutation ($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      id
    }
  }
`;

const record = (observations: unknown[]) =>
  indicators.query(RECORD, { input: { idempotencyKey: randomUUID(), observations } }, cpmr);

const rate = (region: string, period: number, value: number) => ({
  indicator: 'employment_rate_20_64',
  region,
  period,
  breakdown: 'FOREIGN_BORN',
  value,
});

const observationCount = async () =>
  Number((await sql<{ n: string }>(indicators, 'SELECT count(*) AS n FROM observation'))[0]!.n);

/** Eurostat's values of one CSV column for the NUTS 2 regions of the shipped file, by region code. */
function sourceValues(column: string): Map<string, number> {
  return new Map(
    readIndicatorCsv()
      .filter((row) => row[column] !== undefined && row[column] !== '' && row.nuts_id!.length === 4)
      .map((row) => [row.nuts_id!, Number(row[column])]),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('periods later than the current year', () => {
  it('refuses them in recordObservations with BAD_USER_INPUT at the row, and writes none of the batch', async () => {
    const before = await observationCount();
    const { body } = await record([rate('AT13', THIS_YEAR, 60), rate('AT11', THIS_YEAR + 1, 60)]);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      {
        path: 'input.observations[1].period',
        messages: [`${THIS_YEAR + 1} is later than the current year (${THIS_YEAR})`],
      },
    ]);
    expect(await observationCount()).toBe(before);
  });

  it('refuses an import file whose reference year is later than the current year, before writing anything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-future-'));
    const data = path.resolve(__dirname, '../data/eurostat_nuts2_migrant_integration_2025.csv');
    const file = path.join(dir, 'future.csv');
    copyFileSync(data, file);
    const meta = JSON.parse(readFileSync(data.replace(/\.csv$/, '.meta.json'), 'utf8')) as {
      columns: Record<string, { reference_year?: string }>;
    };
    meta.columns.employment_rate_foreign_born_pct!.reference_year = String(THIS_YEAR + 1);
    writeFileSync(path.join(dir, 'future.meta.json'), JSON.stringify(meta));
    const client = new Client({
      connectionString: databaseUrl(inject('databaseServerUrl'), indicators.databaseName),
    });
    await client.connect();
    try {
      const before = await observationCount();
      await expect(importObservationsFile(client, file)).rejects.toThrow(
        `${THIS_YEAR + 1} is later than the current year (${THIS_YEAR})`,
      );
      expect(await observationCount()).toBe(before);
    } finally {
      await client.end();
    }
  });
});

describe('ranking and compare without a period', () => {
  type Ranking = {
    ranking: {
      period: number | null;
      totalCount: number;
      pageInfo: { endCursor: string | null };
      edges: Array<{ node: { observation: { period: number; region: { code: string } } } }>;
    };
  };
  const RANKING = /* GraphQL */ `
    query ($first: Int, $after: String) {
      ranking(
        indicator: "employment_rate_20_64"
        breakdown: FOREIGN_BORN
        country: "DE"
        level: 2
        first: $first
        after: $after
      ) {
        period
        totalCount
        pageInfo {
          endCursor
        }
        edges {
          node {
            observation {
              period
              region {
                code
              }
            }
          }
        }
      }
    }
  `;
  const ranking = async (variables: Record<string, unknown> = {}) => {
    const { body } = await indicators.query<Ranking>(RANKING, variables);
    expect(body.errors).toBeUndefined();
    return body.data!.ranking;
  };

  it('keeps ranking the seeded year until at least half of the regions have a newer one, and says which', async () => {
    const seeded = sourceValues('employment_rate_foreign_born_pct');
    const german = [...seeded.keys()].filter((code) => code.startsWith('DE')).sort();
    const seededYear = (await ranking()).period!;
    expect(await ranking()).toMatchObject({ period: seededYear, totalCount: german.length });
    const firstPage = await ranking({ first: 2 });

    // one partner records the current year for one region: the ranking still ranks the seeded year
    expect((await record([rate(german[0]!, THIS_YEAR, 55)])).body.errors).toBeUndefined();
    const afterOne = await ranking();
    expect(afterOne.period).toBe(seededYear);
    expect(afterOne.totalCount).toBe(german.length);
    expect(new Set(afterOne.edges.map((edge) => edge.node.observation.period))).toEqual(
      new Set([seededYear]),
    );

    // just under half: still the seeded year
    const half = Math.ceil(german.length / 2);
    const more = german.slice(1, half - 1).map((code, index) => rate(code, THIS_YEAR, 50 + index));
    if (more.length) expect((await record(more)).body.errors).toBeUndefined();
    expect((await ranking()).period).toBe(seededYear);

    // half of them: the current year, ranking those that have it
    expect((await record([rate(german[half - 1]!, THIS_YEAR, 70)])).body.errors).toBeUndefined();
    const switched = await ranking();
    expect(switched.period).toBe(THIS_YEAR);
    expect(switched.totalCount).toBe(half);
    expect(switched.edges.map((edge) => edge.node.observation.region.code).sort()).toEqual(
      german.slice(0, half),
    );

    // a cursor from before the switch goes on ranking its own year
    const next = await ranking({ first: 2, after: firstPage.pageInfo.endCursor });
    expect(next.period).toBe(seededYear);
    expect(next.edges.every((edge) => edge.node.observation.period === seededYear)).toBe(true);
  });

  it('compares the latest year that at least half of the regions asked have', async () => {
    type Compare = { compare: Array<{ region: { code: string }; period: number | null }> };
    const COMPARE = `{ compare(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN, regions: ["FRB0", "FRC1", "FRD1"]) { region { code } period } }`;
    const seededYear = Number(
      JSON.parse(
        readFileSync(
          path.resolve(__dirname, '../data/eurostat_nuts2_migrant_integration_2025.meta.json'),
          'utf8',
        ),
      ).columns.employment_rate_foreign_born_pct.reference_year,
    );
    expect((await record([rate('FRB0', THIS_YEAR, 61)])).body.errors).toBeUndefined();
    const one = await indicators.query<Compare>(COMPARE);
    expect(one.body.data!.compare.map((c) => c.period)).toEqual([seededYear, seededYear, seededYear]);
    expect((await record([rate('FRC1', THIS_YEAR, 62)])).body.errors).toBeUndefined();
    const two = await indicators.query<Compare>(COMPARE);
    expect(two.body.data!.compare.map((c) => c.period)).toEqual([THIS_YEAR, THIS_YEAR, THIS_YEAR]);
  });
});

describe('labels in English, French and German', () => {
  const LABELS = /* GraphQL */ `
    query ($lang: Language) {
      indicator(code: "employment_gap_20_64") {
        name(lang: $lang)
        description(lang: $lang)
        unitLabel(lang: $lang)
        breakdownLabels(lang: $lang) {
          breakdown
          label
        }
        source {
          datasetLabel(lang: $lang)
        }
      }
    }
  `;
  type Labels = {
    indicator: {
      name: string;
      description: string;
      unitLabel: string;
      breakdownLabels: Array<{ breakdown: string; label: string }>;
    };
  };
  const seed = SEED_INDICATORS.find((indicator) => indicator.code === 'employment_gap_20_64')!;
  const ask = async (variables: Record<string, unknown>, acceptLanguage?: string) => {
    const headers = await internalTokenHeaders(undefined, indicators.url);
    const { body } = await postGraphQL<Labels>(
      indicators.url,
      LABELS,
      variables,
      acceptLanguage ? { ...headers, 'accept-language': acceptLanguage } : headers,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.indicator;
  };

  it('answers in the language of `lang`, else of Accept-Language, else English', async () => {
    expect(await ask({})).toMatchObject({ name: seed.name, description: seed.description });
    const french = await ask({ lang: 'FR' });
    expect(french).toMatchObject({
      name: INDICATOR_TEXTS.employment_gap_20_64!.name.fr,
      unitLabel: 'points de pourcentage',
      breakdownLabels: [
        { breakdown: 'NATIVE_MINUS_FOREIGN_BORN', label: BREAKDOWN_LABELS.NATIVE_MINUS_FOREIGN_BORN.fr },
      ],
    });
    const german = await ask({}, 'it, de-CH;q=0.9, fr;q=0.5');
    expect(german.name).toBe(INDICATOR_TEXTS.employment_gap_20_64!.name.de);
    expect(german.unitLabel).toBe(UNIT_LABELS.PERCENTAGE_POINTS.de);
    // the argument wins over the header
    expect((await ask({ lang: 'EN' }, 'fr')).name).toBe(seed.name);
    // a language the hub has no labels in: English
    expect((await ask({}, 'pl')).unitLabel).toBe('percentage points');
  });

  it('has a French and German name and description for every seeded indicator', () => {
    for (const indicator of SEED_INDICATORS) {
      const texts = INDICATOR_TEXTS[indicator.code];
      expect(texts, indicator.code).toBeDefined();
      for (const text of [texts!.name.fr, texts!.name.de, texts!.description.fr, texts!.description.de]) {
        expect(text.trim().length).toBeGreaterThan(0);
      }
    }
  });
});

describe('context of a regional value', () => {
  const CONTEXT = /* GraphQL */ `
    query ($first: Int, $lang: Language) {
      observations(indicator: "unemployment_rate_15_74", breakdown: FOREIGN_BORN, level: 2, first: $first) {
        edges {
          node {
            value
            region {
              code
            }
            context {
              countryRank
              countryRegionCount
              country {
                label(lang: $lang)
                regionCount
                median
                min
                max
              }
              eu {
                label(lang: $lang)
                regionCount
                median
                min
                max
              }
            }
          }
        }
      }
    }
  `;
  type Range = { label: string; regionCount: number; median: number; min: number; max: number };
  type Context = {
    observations: {
      edges: Array<{
        node: {
          value: number | null;
          region: { code: string };
          context: { countryRank: number; countryRegionCount: number; country: Range; eu: Range } | null;
        };
      }>;
    };
  };

  it('gives the rank in the country and the median and range of the country and the EU-27, from the source values', async () => {
    const { body } = await indicators.query<Context>(CONTEXT, { first: 500 });
    expect(body.errors).toBeUndefined();
    const source = sourceValues('unemployment_rate_foreign_born_pct');
    const eu = new Set(
      loadRegionSeedRows()
        .filter((r) => r.level === 0 && r.isEu)
        .map((r) => r.code),
    );
    const euValues = [...source].filter(([code]) => eu.has(code.slice(0, 2))).map(([, value]) => value);
    const nodes = body
      .data!.observations.edges.map((edge) => edge.node)
      .filter((node) => node.value !== null);
    expect(nodes.length).toBe(source.size);
    const checked = ['FRH0', 'DE11', 'AT13', 'ES61'].filter((code) => source.has(code));
    expect(checked.length).toBeGreaterThanOrEqual(3);
    for (const code of checked) {
      const node = nodes.find((n) => n.region.code === code)!;
      const country = [...source].filter(([c]) => c.startsWith(code.slice(0, 2))).map(([, value]) => value);
      // lower unemployment is better: rank 1 is the lowest value, ties share a rank
      const rank = 1 + country.filter((value) => value < source.get(code)!).length;
      expect(node.context).toMatchObject({
        countryRank: rank,
        countryRegionCount: country.length,
        country: {
          label: `median and range of the ${country.length} NUTS 2 regions of ${code.slice(0, 2)}`,
          regionCount: country.length,
          min: Math.min(...country),
          max: Math.max(...country),
        },
        eu: {
          label: `median and range of the ${euValues.length} NUTS 2 regions of the EU-27`,
          regionCount: euValues.length,
          min: Math.min(...euValues),
          max: Math.max(...euValues),
        },
      });
      expect(node.context!.country.median).toBeCloseTo(median(country), 9);
      expect(node.context!.eu.median).toBeCloseTo(median(euValues), 9);
    }
  });

  it('labels the ranges in French and German', async () => {
    const { body } = await indicators.query<Context>(CONTEXT, { first: 300, lang: 'FR' });
    const node = body.data!.observations.edges.find((edge) => edge.node.region.code === 'FRH0')!.node;
    expect(node.context!.country.label).toBe(
      `médiane et étendue des ${node.context!.country.regionCount} régions NUTS 2 de FR`,
    );
    const german = await indicators.query<Context>(CONTEXT, { first: 300, lang: 'DE' });
    const de = german.body.data!.observations.edges.find((edge) => edge.node.region.code === 'FRH0')!.node;
    expect(de.context!.eu.label).toBe(
      `Median und Spannweite der ${de.context!.eu.regionCount} NUTS-2-Regionen der EU-27`,
    );
  });

  it('costs the same SQL statements for a page of 10 and of 500 observations', async () => {
    const statements = async (first: number) => {
      const { body } = await indicators.query<Context>(CONTEXT, { first });
      expect(body.errors).toBeUndefined();
      return body.extensions!.sqlStatements as number;
    };
    const small = await statements(10);
    // the page, the indicators, the context's spreads and ranks (the count is not asked)
    expect(small).toBe(4);
    expect(await statements(500)).toBe(small);
  });

  it('knows the 27 member states as the regions data does', () => {
    const eu = loadRegionSeedRows()
      .filter((row) => row.level === 0 && row.isEu)
      .map((row) => row.code)
      .sort();
    expect([...EU27_COUNTRIES].sort()).toEqual(eu);
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_DATA_FILE } from '@hub/indicators';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/hub';
import { startTestHub, type TestHub } from './harness';
import { recordRequestsTo } from './subgraph-requests';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

const COLUMNS = [
  'indicator',
  'indicator_name',
  'region_code',
  'region_name',
  'breakdown',
  'period',
  'value',
  'status',
  'unit',
  'source',
  'contributor',
  'licence',
];

type Row = Record<string, string>;

/** The seed's source file (the Eurostat extract the indicators subgraph seeds from) and its metadata. */
const source = parse(readFileSync(SHIPPED_DATA_FILE, 'utf8'), { columns: true }) as Row[];
const meta = JSON.parse(readFileSync(SHIPPED_DATA_FILE.replace(/\.csv$/, '.meta.json'), 'utf8')) as {
  licence: string;
  columns: Record<string, { dataset?: string; reference_year: string }>;
};
/** Names of the regions as the regions subgraph seeds them (NUTS 2024, Latin script). */
const regionNames = new Map(
  (
    parse(readFileSync(path.join(REPO_ROOT, 'services/regions/data/nuts2024_regions.csv'), 'utf8'), {
      columns: true,
    }) as Row[]
  ).map((row) => [row.nuts_id!, row.name_latn!]),
);

/**
 * Columns of the source file and what they are, as the file's metadata describes them (c_birth=NAT / FOR, the
 * demography dataset's total): the values the export must give for them.
 */
const SOURCE_COLUMNS = [
  { column: 'employment_rate_native_born_pct', indicator: 'employment_rate_20_64', breakdown: 'NATIVE_BORN' },
  {
    column: 'employment_rate_foreign_born_pct',
    indicator: 'employment_rate_20_64',
    breakdown: 'FOREIGN_BORN',
  },
  {
    column: 'unemployment_rate_foreign_born_pct',
    indicator: 'unemployment_rate_15_74',
    breakdown: 'FOREIGN_BORN',
  },
  { column: 'population_15_64_ths', indicator: 'population_15_64', breakdown: 'TOTAL' },
  { column: 'net_migration_per_1000', indicator: 'net_migration_rate', breakdown: 'TOTAL' },
];

const exportUrl = (query = '') => `${hub.url.replace(/\/graphql$/, '')}/exports/observations.csv${query}`;

async function download(query = ''): Promise<{ response: Response; text: string; rows: Row[] }> {
  const response = await fetch(exportUrl(query));
  const text = await response.text();
  const rows = response.ok ? (parse(text, { columns: true }) as Row[]) : [];
  return { response, text, rows };
}

interface IndicatorInfo {
  code: string;
  name: string;
  unit: string;
  source: { licence: string; publisher: string };
}

async function indicators(): Promise<IndicatorInfo[]> {
  const { body } = await hub.query<{ indicators: IndicatorInfo[] }, Record<string, never>>(
    '{ indicators { code name unit source { licence publisher } } }',
  );
  expect(body.errors).toBeUndefined();
  return body.data!.indicators;
}

/** The graph's own count of the observations a filter matches. */
async function totalCount(variables: Record<string, unknown>): Promise<number> {
  const { body } = await hub.query<{ observations: { totalCount: number } }, Record<string, unknown>>(
    /* GraphQL */ `
      query ($indicator: ID!, $country: ID, $breakdown: Breakdown, $regions: [ID!], $periods: [Int!]) {
        observations(
          indicator: $indicator
          country: $country
          breakdown: $breakdown
          regions: $regions
          periods: $periods
          first: 0
        ) {
          totalCount
        }
      }
    `,
    variables,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.observations.totalCount;
}

/** Rows by indicator, region, breakdown and period. */
const keyOf = (indicator: string, region: string, breakdown: string, period: string | number) =>
  `${indicator}|${region}|${breakdown}|${period}`;

describe('GET /exports/observations.csv', () => {
  it('exports every observation: as many rows as the graph counts, values, names and licence from the sources', async () => {
    const { response, text, rows } = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="observations.csv"');
    expect(response.headers.get('link')).toContain('rel="describedby"');
    expect(text.split('\r\n')[0]).toBe(COLUMNS.join(','));

    const catalogue = await indicators();
    let expected = 0;
    for (const { code } of catalogue) expected += await totalCount({ indicator: code });
    expect(expected).toBeGreaterThan(2_000);
    expect(rows).toHaveLength(expected);

    const byCode = new Map(catalogue.map((indicator) => [indicator.code, indicator]));
    const exported = new Map(
      rows.map((row) => [keyOf(row.indicator!, row.region_code!, row.breakdown!, row.period!), row]),
    );
    expect(exported.size).toBe(rows.length);
    for (const row of rows) {
      const indicator = byCode.get(row.indicator!)!;
      expect(row.indicator_name).toBe(indicator.name);
      expect(row.unit).toBe(indicator.unit);
      expect(row.licence).toBe(indicator.source.licence);
      expect(row.licence).toBe(meta.licence);
      expect(row.region_name).toBe(regionNames.get(row.region_code!));
      expect(row.contributor).toBe(''); // the Eurostat import
      expect(row.source!.startsWith(`${indicator.source.publisher}, dataset `)).toBe(true);
    }

    // every value of these columns of the source file, and nothing more, with the column's year and dataset
    for (const { column, indicator, breakdown } of SOURCE_COLUMNS) {
      const period = meta.columns[column]!.reference_year;
      const dataset = meta.columns[column]!.dataset!;
      let values = 0;
      for (const record of source) {
        const row = exported.get(keyOf(indicator, record.nuts_id!, breakdown, period));
        if (record[column] === '') {
          expect(row, `${column} of ${record.nuts_id} is empty in the source`).toBeUndefined();
          continue;
        }
        values += 1;
        expect(row, `${column} of ${record.nuts_id}`).toBeDefined();
        expect(Number(row!.value)).toBe(Number(record[column]));
        expect(row!.status).toBe('NONE');
        expect(row!.source).toBe(`Eurostat, dataset ${dataset}`);
      }
      const exportedOfColumn = rows.filter(
        (row) => row.indicator === indicator && row.breakdown === breakdown,
      );
      expect(exportedOfColumn).toHaveLength(values);
    }
  });

  it('filters like `observations`: indicator and country, then regions, periods and breakdown, then level', async () => {
    const austria = await download('?indicator=employment_rate_20_64&country=at');
    expect(austria.response.status).toBe(200);
    expect(austria.response.headers.get('content-disposition')).toBe(
      'attachment; filename="observations-employment_rate_20_64.csv"',
    );
    expect(austria.rows).toHaveLength(
      await totalCount({ indicator: 'employment_rate_20_64', country: 'AT' }),
    );
    const austrianSource = source.filter((record) => record.country_code === 'AT');
    const inSource = austrianSource.reduce(
      (sum, record) =>
        sum +
        (record.employment_rate_native_born_pct ? 1 : 0) +
        (record.employment_rate_foreign_born_pct ? 1 : 0),
      0,
    );
    expect(austria.rows).toHaveLength(inSource);
    expect(new Set(austria.rows.map((row) => row.indicator))).toEqual(new Set(['employment_rate_20_64']));
    expect(austria.rows.every((row) => row.region_code!.startsWith('AT'))).toBe(true);

    const period = meta.columns.employment_rate_foreign_born_pct!.reference_year;
    const picked = await download(
      `?indicator=employment_rate_20_64&regions=AT13,FR10,EL43&periods=${period}&breakdown=FOREIGN_BORN`,
    );
    expect(picked.response.status).toBe(200);
    expect(
      picked.rows.map((row) => [row.region_code, row.region_name, row.period, Number(row.value)]),
    ).toEqual(
      ['AT13', 'EL43', 'FR10'].map((code) => [
        code,
        regionNames.get(code),
        period,
        Number(source.find((record) => record.nuts_id === code)!.employment_rate_foreign_born_pct),
      ]),
    );
    expect((await download(`?indicator=employment_rate_20_64&periods=1999`)).rows).toEqual([]);

    const level3 = await download('?level=3');
    expect(level3.response.status).toBe(200);
    expect(level3.rows).toEqual([]); // the extract is NUTS 2 only
    expect(level3.text).toBe(`${COLUMNS.join(',')}\r\n`);
  });

  it("writes a partner's suppressed value as an empty cell, with the partner as contributor", async () => {
    const token = await hub.token('cpmr', ['contributor']);
    const recorded = await hub.query<
      { recordObservations: { observations: Array<{ contributedBy: { name: string } }> } },
      Record<string, unknown>
    >(
      /* GraphQL */ `
        mutation ($input: RecordObservationsInput!) {
          recordObservations(input: $input) {
            observations {
              contributedBy {
                name
              }
            }
          }
        }
      `,
      {
        input: {
          idempotencyKey: randomUUID(),
          observations: [
            {
              indicator: 'employment_rate_20_64',
              region: 'AT13',
              period: 2019,
              breakdown: 'FOREIGN_BORN',
              value: null,
              status: 'SUPPRESSED',
            },
          ],
        },
      },
      token,
    );
    expect(recorded.body.errors).toBeUndefined();
    const { rows } = await download('?indicator=employment_rate_20_64&regions=AT13&periods=2019');
    expect(rows).toEqual([
      expect.objectContaining({
        region_code: 'AT13',
        breakdown: 'FOREIGN_BORN',
        period: '2019',
        value: '',
        status: 'SUPPRESSED',
        source: 'contribution',
        contributor: recorded.body.data!.recordObservations.observations[0]!.contributedBy.name,
        licence: meta.licence,
      }),
    ]);
  });

  it("answers HEAD with the download's headers, without reading its pages from the graph", async () => {
    const origins = Object.values(hub.subgraphs).map((subgraph) => new URL(subgraph.url).origin);
    const indicatorsOrigin = new URL(hub.subgraphs.indicators!.url).origin;
    const recording = recordRequestsTo(() => origins);
    try {
      const head = await fetch(exportUrl('?country=FR'), { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(head.headers.get('link')).toMatch(/rel="describedby"/);
      expect(await head.text()).toBe('');
      // at most the list of indicators (the headers name their sources; it may come from the response cache),
      // none for observations: the same download by GET asks the indicators subgraph page after page
      const toIndicators = () =>
        recording.sent.filter((request) => request.origin === indicatorsOrigin).length;
      expect(toIndicators()).toBeLessThanOrEqual(1);
      const before = toIndicators();
      expect((await download('?country=FR')).rows.length).toBeGreaterThan(0);
      expect(toIndicators() - before).toBeGreaterThan(1);
      const bad = await fetch(exportUrl('?country=FRA'), { method: 'HEAD' });
      expect(bad.status).toBe(400);
    } finally {
      recording.stop();
    }
  });

  it('answers 400 with a plain-text reason for a parameter it cannot use', async () => {
    const refused: Array<[string, RegExp]> = [
      ['?country=FRA', /^country must be the two-letter code/],
      ['?level=4', /^level must be a NUTS level/],
      ['?periods=2020,20x4', /^periods must be years/],
      ['?periods=1850', /^periods must be years/],
      ['?regions=FR10,fr-1', /^regions: "FR-1" is not a NUTS code/],
      ['?regions=', /^regions must be a comma-separated list/],
      ['?indicator=no_such_indicator', /^unknown indicator "no_such_indicator"/],
      ['?indicator=Employment Rate', /is not an indicator code/],
      ['?breakdown=NO_SUCH_GROUP', /NO_SUCH_GROUP/], // the graph's own answer (BAD_USER_INPUT)
      ['?countries=FR', /^unknown parameter "countries"/],
      ['?country=FR&country=DE', /^country must be given once/],
    ];
    for (const [query, reason] of refused) {
      const { response, text } = await download(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type'), query).toBe('text/plain; charset=utf-8');
      expect(text, query).toMatch(reason);
      expect(text, query).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
      expect(text.length, query).toBeLessThan(300);
    }
  });

  it('answers 502 when the graph cannot answer before the first row', async () => {
    await hub.subgraphs.indicators!.stop(); // last test of the file: the hub stops afterwards
    const { response, text } = await download('?indicator=employment_rate_20_64');
    expect(response.status).toBe(502);
    expect(text).toBe('The observations could not be exported right now.\n');
  });
});

/// <reference lib="dom" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_DATA_FILE } from '@hub/indicators';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, differingPixels, launchChromium } from './browser';
import { startTestHub, type TestHub } from './harness';

/**
 * The integration dashboard (issue 16), `GET /dashboards/integration`: the server-rendered table equals the
 * graph's own ranking and regions (and sampled values equal the shipped Eurostat file), the year shown is the one
 * the graph used, the legend's classes cover every value and colour the map, bad addresses get a 400 page; and in
 * Debian's chromium: a screenshot compared with the committed reference (`UPDATE_DASHBOARD_REFERENCE=1` rewrites
 * it), sorting by a column heading, the CSV download equal to the table, the SVG download a well-formed SVG
 * document, and no request leaving the hub's origin.
 *
 * Not to be confused with dashboard.e2e.ts, which tests the GraphQL queries a partner's dashboard sends.
 */
const REFERENCE = path.join(__dirname, 'dashboard-page.reference.png');
const MAX_DIFFERING_PIXELS = 0.01;
const hasBrowser = browserAvailable('dashboard page browser tests');

/** The source file's columns of the two choices tested, as (indicator, breakdown). */
const COLUMNS: Record<string, string> = {
  'employment_rate_20_64/NATIVE_BORN': 'employment_rate_native_born_pct',
  'employment_rate_20_64/FOREIGN_BORN': 'employment_rate_foreign_born_pct',
  'unemployment_rate_15_74/FOREIGN_BORN': 'unemployment_rate_foreign_born_pct',
};
const sourceRows = parseCsv(readFileSync(SHIPPED_DATA_FILE, 'utf8'), { columns: true }) as Array<
  Record<string, string>
>;

interface GraphRanking {
  ranking: {
    period: number | null;
    totalCount: number;
    edges: Array<{
      node: {
        rank: number;
        observation: { period: number; breakdown: string; value: number; region: { code: string } };
      };
    }>;
  };
  regions: { totalCount: number; edges: Array<{ node: { code: string; name: string } }> };
}

let hub: TestHub;
let origin: string;

beforeAll(async () => {
  hub = await startTestHub();
  origin = new URL(hub.url).origin;
});
afterAll(async () => hub?.stop());

const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${pathAndQuery}`, { headers, redirect: 'manual' });

async function getDocument(pathAndQuery: string, headers: Record<string, string> = {}) {
  const response = await get(pathAndQuery, headers);
  const text = await response.text();
  return { response, text, document: parseHtml(text) };
}

/** The graph's own answer for the same choice, asked through the public endpoint. */
async function graphRanking(indicator: string, breakdown?: string): Promise<GraphRanking> {
  const { body } = await hub.query(
    /* GraphQL */ `
      query DashboardCheck($indicator: ID!, $breakdown: Breakdown) {
        ranking(indicator: $indicator, breakdown: $breakdown, level: 2, first: 500) {
          period
          totalCount
          edges {
            node {
              rank
              observation {
                period
                breakdown
                value
                region {
                  code
                }
              }
            }
          }
        }
        regions(level: 2, first: 500) {
          totalCount
          edges {
            node {
              code
              name
            }
          }
        }
      }
    `,
    { indicator, breakdown },
  );
  expect(body.errors).toBeUndefined();
  return body.data as GraphRanking;
}

interface TableRow {
  code: string;
  value: number | null;
  rank: number | null;
  cells: string[];
}

function tableRows(document: HTMLElement): TableRow[] {
  return document.querySelectorAll('#ranking-table tbody tr').map((row) => ({
    code: row.getAttribute('data-code')!,
    value: row.getAttribute('data-value') ? Number(row.getAttribute('data-value')) : null,
    rank: row.getAttribute('data-rank') ? Number(row.getAttribute('data-rank')) : null,
    cells: row.querySelectorAll('th, td').map((cell) => cell.textContent.trim()),
  }));
}

/** Checks one rendered choice against the graph and the source file; returns the page for further checks. */
async function checkChoice(indicator: string, breakdown: string | undefined, lang: string) {
  const query = new URLSearchParams({ indicator, ...(breakdown ? { breakdown } : {}), lang });
  const { response, document } = await getDocument(`/dashboards/integration?${query}`);
  expect(response.status).toBe(200);
  const graph = await graphRanking(indicator, breakdown);
  const ranked = graph.ranking.edges.map(({ node }) => node);
  expect(ranked.length).toBeGreaterThan(100);
  expect(ranked.length).toBe(graph.ranking.totalCount);

  // every NUTS 2 region is one row: the ranked ones in the ranking's order with its values and ranks, then the rest
  const rows = tableRows(document);
  expect(rows).toHaveLength(graph.regions.totalCount);
  expect(rows.slice(0, ranked.length).map(({ code, value, rank }) => ({ code, value, rank }))).toEqual(
    ranked.map(({ rank, observation }) => ({
      code: observation.region.code,
      value: observation.value,
      rank,
    })),
  );
  const unranked = rows.slice(ranked.length);
  expect(unranked.every((row) => row.value === null && row.rank === null)).toBe(true);
  expect(new Set(rows.map((row) => row.code))).toEqual(
    new Set(graph.regions.edges.map(({ node }) => node.code)),
  );

  // the year shown is the one the graph used
  const period = graph.ranking.period ?? ranked[0]!.observation.period;
  expect(ranked.every(({ observation }) => observation.period === period)).toBe(true);
  expect(document.querySelector('#period-used')!.getAttribute('data-period')).toBe(String(period));
  expect(document.querySelector('#period-used')!.textContent).toContain(String(period));
  const shownBreakdown = ranked[0]!.observation.breakdown;
  expect(document.querySelector('main')!.getAttribute('data-breakdown')).toBe(shownBreakdown);

  // sampled rows equal the shipped Eurostat file
  const column = COLUMNS[`${indicator}/${shownBreakdown}`]!;
  const withValue = rows.filter((row) => row.value !== null);
  const samples = withValue.filter((_, index) => index % 17 === 0);
  expect(samples.length).toBeGreaterThan(5);
  for (const row of samples) {
    const source = sourceRows.find((entry) => entry.nuts_id === row.code)!;
    expect(row.value, row.code).toBe(Number(source[column]));
  }

  // the legend's classes hold every value, once, and give each region on the map its colour
  const classes = document.querySelectorAll('.legend li[data-class]').map((item) => ({
    min: Number(item.getAttribute('data-min')),
    max: Number(item.getAttribute('data-max')),
    count: Number(item.getAttribute('data-count')),
  }));
  expect(classes.length).toBeGreaterThanOrEqual(3);
  expect(classes.length).toBeLessThanOrEqual(5);
  expect(classes.reduce((sum, entry) => sum + entry.count, 0)).toBe(withValue.length);
  classes.slice(1).forEach((entry, index) => expect(entry.min).toBeGreaterThan(classes[index]!.max));
  const fills = new Map(
    document
      .querySelectorAll('#map path.region')
      .map((shape) => [shape.getAttribute('data-code'), shape.getAttribute('fill')]),
  );
  const legendFills = document
    .querySelectorAll('.legend li[data-class] rect')
    .map((rect) => rect.getAttribute('fill'));
  for (const row of rows) {
    if (!fills.has(row.code)) continue;
    if (row.value === null) {
      expect(fills.get(row.code), row.code).toBe('url(#no-data)');
      continue;
    }
    const index = classes.findIndex((entry) => row.value! >= entry.min && row.value! <= entry.max);
    expect(index, row.code).toBeGreaterThanOrEqual(0);
    expect(fills.get(row.code), row.code).toBe(legendFills[index]);
  }
  expect(Number(document.querySelector('.legend li.no-data')!.getAttribute('data-count'))).toBe(
    rows.length - withValue.length,
  );
  // most regions are drawn; each drawn region has an accessible name with its value
  expect(fills.size).toBeGreaterThan(rows.length * 0.8);
  for (const shape of document.querySelectorAll('#map path.region')) {
    expect(shape.getAttribute('aria-label')).toMatch(/\([A-Z]{2}[A-Z0-9]{2}\): /);
  }
  return { document, rows, graph };
}

describe('GET /dashboards/integration', () => {
  it('is one accessible document with the strict policy: landmarks, one h1, a captioned table, a described map', async () => {
    const { response, document } = await getDocument('/dashboards/integration');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(document.querySelector('html')!.getAttribute('lang')).toBe('en');
    for (const landmark of ['body > header', 'body > main', 'body > footer']) {
      expect(document.querySelectorAll(landmark), landmark).toHaveLength(1);
    }
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelector('table caption')!.textContent.trim()).toBeTruthy();
    expect(document.querySelector('#ranking-table th[data-sort="rank"]')!.getAttribute('aria-sort')).toBe(
      'ascending',
    );
    const map = document.querySelector('svg#map')!;
    expect(map.getAttribute('aria-labelledby')).toBe('map-title');
    expect(document.querySelector('#map-title')!.textContent).toBeTruthy();
    expect(document.querySelector('#map-desc')!.textContent).toBeTruthy();
    // a form that works without a script, every script from the hub itself, nothing inline
    const form = document.querySelector('form.filters')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.querySelectorAll('select[name="indicator"] option').length).toBeGreaterThan(3);
    const scripts = document.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.getAttribute('src')).toMatch(/^\/assets\/pages\/dashboard-[\w-]+\.js$/);
    expect(scripts[0]!.textContent.trim()).toBe('');
    expect((await get(scripts[0]!.getAttribute('src')!)).status).toBe(200);
    // no address of another site is loaded (links to the data's publisher are links, not loads)
    for (const element of document.querySelectorAll('[src], link[href]')) {
      const address = element.getAttribute('src') ?? element.getAttribute('href')!;
      expect(address.startsWith('/') || address.startsWith('data:'), address).toBe(true);
    }
  });

  it("shows the graph's ranking of the default indicator, in the year the graph chose, as in the source file", async () => {
    await checkChoice('employment_rate_20_64', undefined, 'en');
  });

  it('shows another breakdown in French, with the same figures', async () => {
    const { document, rows } = await checkChoice('employment_rate_20_64', 'FOREIGN_BORN', 'fr');
    expect(document.querySelector('html')!.getAttribute('lang')).toBe('fr');
    expect(document.querySelector('select[name="breakdown"] option[selected]')!.getAttribute('value')).toBe(
      'FOREIGN_BORN',
    );
    // French decimal commas in the cells, the raw value in the data attribute
    const withDecimals = rows.find((row) => row.value !== null && !Number.isInteger(row.value))!;
    expect(withDecimals.cells[1]).toBe(String(withDecimals.value).replace('.', ','));
  });

  it('answers the same data as JSON', async () => {
    const query = 'indicator=unemployment_rate_15_74&breakdown=FOREIGN_BORN';
    const json = (await (await get(`/dashboards/integration/data?${query}`)).json()) as {
      period: number;
      regions: Array<{ code: string; value: number | null; rank: number | null }>;
    };
    const { document, rows } = await checkChoice('unemployment_rate_15_74', 'FOREIGN_BORN', 'en');
    expect(json.regions.map(({ code, value, rank }) => ({ code, value, rank }))).toEqual(
      rows.map(({ code, value, rank }) => ({ code, value, rank })),
    );
    expect(String(json.period)).toBe(document.querySelector('#period-used')!.getAttribute('data-period'));
  });

  it('shows a year asked for as chosen, and a year without values as every region without data', async () => {
    const graph = await graphRanking('employment_rate_20_64');
    const period = graph.ranking.period!;
    const chosen = await getDocument(`/dashboards/integration?period=${period}`);
    expect(chosen.response.status).toBe(200);
    expect(chosen.document.querySelector('#period-used')!.textContent).toContain('(as chosen)');
    expect(tableRows(chosen.document).filter((row) => row.value !== null)).toHaveLength(
      graph.ranking.totalCount,
    );

    const empty = await getDocument('/dashboards/integration?period=1990');
    expect(empty.response.status).toBe(200);
    const rows = tableRows(empty.document);
    expect(rows).toHaveLength(graph.regions.totalCount);
    expect(rows.every((row) => row.value === null && row.cells[1] === 'no data')).toBe(true);
    expect(empty.document.querySelectorAll('.legend li[data-class]')).toHaveLength(0);
    expect(Number(empty.document.querySelector('.legend li.no-data')!.getAttribute('data-count'))).toBe(
      rows.length,
    );
    expect(empty.document.querySelector('#period-used')!.getAttribute('data-period')).toBe('1990');
  });

  it('refuses bad addresses with a 400 page that says why, never a 500', async () => {
    const unknown = await getDocument('/dashboards/integration?indicator=no_such_indicator');
    expect(unknown.response.status).toBe(400);
    expect(unknown.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unknown.document.querySelector('[role="alert"]')!.textContent).toContain('no_such_indicator');
    expect(unknown.document.querySelectorAll('h1')).toHaveLength(1);

    const wrongGroup = await getDocument(
      '/dashboards/integration?indicator=net_migration_rate&breakdown=FOREIGN_BORN',
    );
    expect(wrongGroup.response.status).toBe(400);
    expect(wrongGroup.document.querySelector('[role="alert"]')!.textContent).toContain('FOREIGN_BORN');
    // the form offers what the indicator has, so a visitor without the script can choose again
    const offered = wrongGroup.document
      .querySelectorAll('select[name="breakdown"] option')
      .map((option) => option.getAttribute('value'));
    expect(offered).toEqual(['', 'TOTAL']);
    expect(wrongGroup.document.querySelectorAll('select[name="indicator"] option').length).toBeGreaterThan(3);

    for (const bad of [
      'period=soon',
      'period=1800',
      'breakdown=NOT%20ONE',
      'indicator=%3Cscript%3E',
      'lang=en&lang=fr',
    ]) {
      const { response, text } = await getDocument(`/dashboards/integration?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(text, bad).not.toContain('<script>');
    }
    const unknownGroup = await get('/dashboards/integration?breakdown=MARTIANS');
    expect(unknownGroup.status).toBe(400);
    const data = await get('/dashboards/integration/data?indicator=no_such_indicator');
    expect(data.status).toBe(400);
    expect(data.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe.skipIf(!hasBrowser)('/dashboards/integration in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(['--font-render-hinting=none']);
  });
  afterAll(async () => browser?.close());

  async function open() {
    const tab = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      acceptDownloads: true,
    });
    const requests: string[] = [];
    const scriptErrors: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    tab.on('pageerror', (error) => scriptErrors.push(error.message));
    const response = await tab.goto(`${origin}/dashboards/integration`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await expect.poll(() => tab.evaluate(() => document.documentElement.dataset.dashboard)).toBe('ready');
    return { tab, requests, scriptErrors };
  }

  const visibleRows = (tab: Page) =>
    tab.$$eval('#ranking-table tbody tr', (rows) =>
      rows.map((row) => ({
        code: row.getAttribute('data-code')!,
        name: row.getAttribute('data-name')!,
        value: row.getAttribute('data-value')!,
        rank: row.getAttribute('data-rank')!,
      })),
    );

  it('looks like the reference, sorts by column headings, downloads what it shows, and loads only from the hub', async () => {
    const { tab, requests, scriptErrors } = await open();
    try {
      const screenshot = await tab.screenshot();
      if (process.env.UPDATE_DASHBOARD_REFERENCE || !existsSync(REFERENCE)) {
        writeFileSync(REFERENCE, screenshot);
        console.warn(`wrote the reference image ${REFERENCE}`);
      }
      expect(await differingPixels(tab, screenshot, readFileSync(REFERENCE))).toBeLessThanOrEqual(
        MAX_DIFFERING_PIXELS,
      );

      // sorting: the headings are buttons; a click sorts and says so in aria-sort
      const valueHeading = tab.locator('#ranking-table th[data-sort="value"]');
      await valueHeading.getByRole('button').click();
      expect(await valueHeading.getAttribute('aria-sort')).toBe('descending');
      expect(await tab.locator('#ranking-table th[data-sort="rank"]').getAttribute('aria-sort')).toBeNull();
      let rows = await visibleRows(tab);
      let values = rows.filter((row) => row.value !== '').map((row) => Number(row.value));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      await valueHeading.getByRole('button').click();
      expect(await valueHeading.getAttribute('aria-sort')).toBe('ascending');
      rows = await visibleRows(tab);
      values = rows.filter((row) => row.value !== '').map((row) => Number(row.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(rows.slice(values.length).every((row) => row.value === '')).toBe(true);
      await tab.locator('#ranking-table th[data-sort="region"]').getByRole('button').click();
      rows = await visibleRows(tab);
      const collator = new Intl.Collator('en', { sensitivity: 'base' });
      const names = rows.filter((row) => row.value !== '').map((row) => row.name);
      expect(names).toEqual([...names].sort(collator.compare));

      // hovering a region marks its row
      const firstDrawn = await tab.locator('#map path.region').first().getAttribute('data-code');
      await tab.locator('#map path.region').first().dispatchEvent('mouseover');
      expect(
        await tab.locator(`#ranking-table tr[data-code="${firstDrawn}"]`).getAttribute('class'),
      ).toContain('is-active');

      // the CSV download: the table's rows in the table's order
      const [csvDownload] = await Promise.all([
        tab.waitForEvent('download'),
        tab.getByRole('button', { name: 'Table as CSV' }).click(),
      ]);
      expect(csvDownload.suggestedFilename()).toMatch(/^employment_rate_20_64_\w+_\d{4}\.csv$/);
      const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      expect(
        csv.map((row) => ({
          code: row.region_code,
          name: row.region_name,
          value: row.value,
          rank: row.rank,
        })),
      ).toEqual(rows);

      // the SVG download: a well-formed SVG document with every drawn region
      const [svgDownload] = await Promise.all([
        tab.waitForEvent('download'),
        tab.getByRole('button', { name: 'Map as SVG' }).click(),
      ]);
      const svgText = readFileSync((await svgDownload.path())!, 'utf8');
      expect(XMLValidator.validate(svgText)).toBe(true);
      const svg = new XMLParser({ ignoreAttributes: false }).parse(svgText) as {
        svg: { '@_xmlns': string; g: Array<{ '@_class'?: string; path?: unknown[] }> };
      };
      expect(svg.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
      expect(await tab.locator('#map path.region').count()).toBeGreaterThan(200);

      // the PNG download: a PNG image of twice the map's size
      const [pngDownload] = await Promise.all([
        tab.waitForEvent('download'),
        tab.getByRole('button', { name: 'Map as PNG' }).click(),
      ]);
      const png = readFileSync((await pngDownload.path())!);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const mapWidth = Number(await tab.locator('svg#map').getAttribute('width'));
      expect(png.readUInt32BE(16)).toBe(mapWidth * 2);

      const loaded = requests.filter((url) => url.startsWith('http'));
      expect([...new Set(loaded.map((url) => new URL(url).origin))]).toEqual([origin]);
      expect(scriptErrors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

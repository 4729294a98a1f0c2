/// <reference lib="dom" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_DATA_FILE } from '@hub/indicators';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml, type HTMLElement as ParsedElement } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, differingPixels, launchChromium } from './browser';
import { startTestHub, type TestHub } from './harness';

/**
 * The region profile page (issue 16), `GET /regions/<code>`: its HTML structure (landmarks, one h1, captions),
 * the region's Eurostat values exactly as in the source file, French labels as the graph gives them, the error
 * pages, the fragment for `<hub-profile>`, and in Debian's chromium a screenshot of `/regions/FRH0?lang=fr`
 * compared with the committed reference (`UPDATE_PROFILE_REFERENCE=1` rewrites it), with no request leaving
 * the hub's origin.
 *
 * The page depends on today only through "upcoming" and "recent" events: every event the hub seeds is past, so
 * on a fresh hub the upcoming list is empty and the recent list is the seeded one, whatever the date; the
 * screenshot test adds no event. That keeps the whole page stable without faking the clock.
 */
const PARTNER_ORIGIN = 'https://partner.example';
const REFERENCE = path.join(__dirname, 'profile-page.reference.png');
const MAX_DIFFERING_PIXELS = 0.01;
const hasBrowser = browserAvailable('profile page browser tests');

/** The columns of the source file, as (indicator, breakdown) of the indicators subgraph. */
const COLUMNS: Record<string, [string, string]> = {
  population_15_64_ths: ['population_15_64', 'TOTAL'],
  foreign_born_15_64_ths: ['population_15_64', 'FOREIGN_BORN'],
  foreign_born_share_pct: ['population_share_15_64', 'FOREIGN_BORN'],
  non_eu_born_share_pct: ['population_share_15_64', 'NON_EU_BORN'],
  foreign_citizen_share_pct: ['population_share_15_64', 'FOREIGN_CITIZENS'],
  employment_rate_native_born_pct: ['employment_rate_20_64', 'NATIVE_BORN'],
  employment_rate_foreign_born_pct: ['employment_rate_20_64', 'FOREIGN_BORN'],
  employment_gap_pp: ['employment_gap_20_64', 'NATIVE_MINUS_FOREIGN_BORN'],
  unemployment_rate_native_born_pct: ['unemployment_rate_15_74', 'NATIVE_BORN'],
  unemployment_rate_foreign_born_pct: ['unemployment_rate_15_74', 'FOREIGN_BORN'],
  net_migration_per_1000: ['net_migration_rate', 'TOTAL'],
};

const sourceRow = (
  parseCsv(readFileSync(SHIPPED_DATA_FILE, 'utf8'), { columns: true }) as Array<Record<string, string>>
).find((row) => row.nuts_id === 'FRH0')!;

let hub: TestHub;
let origin: string;

beforeAll(async () => {
  hub = await startTestHub({ corsOrigins: [PARTNER_ORIGIN] });
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

/** A number as the page writes it in `lang` (group separators are spaces in French), as a JS number. */
function readNumber(text: string, lang: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return Number(lang === 'en' ? compact.replace(/,/g, '') : compact.replace(/\./g, '').replace(',', '.'));
}

function cellsOf(row: ParsedElement): string[] {
  return row.querySelectorAll('th, td').map((cell) => cell.textContent.trim());
}

describe('GET /regions/<code>', () => {
  it('is one accessible document: lang, skip link, landmarks, one h1, ordered headings, captioned tables', async () => {
    const { response, document } = await getDocument('/regions/FRH0');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);

    expect(document.querySelector('html')!.getAttribute('lang')).toBe('en');
    const skip = document.querySelector('body > a.skip-link')!;
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.querySelector('main#main')).not.toBeNull();
    for (const landmark of ['body > header', 'body > nav', 'body > main', 'body > footer']) {
      expect(document.querySelectorAll(landmark), landmark).toHaveLength(1);
    }
    for (const nav of document.querySelectorAll('nav')) expect(nav.getAttribute('aria-label')).toBeTruthy();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    const region = (await hub.query('{ region(code: "FRH0") { name nationalName } }')).body.data as {
      region: { name: string; nationalName: string };
    };
    expect(document.querySelector('h1')!.textContent).toContain(region.region.name);
    expect(document.querySelector('.national-name')!.textContent).toBe(region.region.nationalName);
    // no heading skips a level on the way down
    const levels = document.querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
    const tables = document.querySelectorAll('table');
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) expect(table.querySelector('caption')?.textContent.trim()).toBeTruthy();
    // the ancestors link to their own profiles, up to the country
    const crumbs = document.querySelectorAll('nav.breadcrumb a').map((a) => a.getAttribute('href'));
    expect(crumbs).toEqual(['/regions/FR', '/regions/FRH']);
    // the outline is drawn on the page, with the boundaries' attribution
    expect(document.querySelector('figure.outline svg path')!.getAttribute('d')).toMatch(/^M[\d. L]+Z/);
    expect(document.querySelector('figure.outline figcaption')!.textContent).toContain('© EuroGeographics');
    // the stylesheet comes from the hub itself, with a long cache
    const sheet = document.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
    expect(sheet).toMatch(/^\/assets\/pages\/profile-[\w-]+\.css$/);
    const css = await get(sheet);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('@media print');
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it.each(['en', 'fr'])(
    'shows each Eurostat value of FRH0 exactly as the source file has it (%s)',
    async (lang) => {
      const { document } = await getDocument(`/regions/FRH0?lang=${lang}`);
      let compared = 0;
      for (const [column, [indicator, breakdown]] of Object.entries(COLUMNS)) {
        const row = document.querySelector(
          `tr[data-indicator="${indicator}"][data-breakdown="${breakdown}"]`,
        );
        const cell = sourceRow[column];
        if (!cell) {
          // an empty cell is no value: the row is absent or says so
          expect(row?.querySelector('data') ?? null, column).toBeNull();
          continue;
        }
        const data = row?.querySelector('td.value data');
        expect(data, column).toBeTruthy();
        expect(Number(data!.getAttribute('value')), column).toBe(Number(cell));
        expect(readNumber(data!.textContent, lang), column).toBe(Number(cell));
        compared += 1;
      }
      expect(compared).toBeGreaterThan(5);
      // licence and source lines of the data, as the graph states them
      expect(document.querySelector('article footer.attribution')!.textContent).toContain('Eurostat');
    },
  );

  it('writes French labels with ?lang=fr and German ones for Accept-Language: de', async () => {
    const { body } = await hub.query(
      '{ indicator(code: "employment_rate_20_64") { en: name(lang: EN) fr: name(lang: FR) de: name(lang: DE) } }',
    );
    expect(body.errors).toBeUndefined();
    const names = (body.data as { indicator: { en: string; fr: string; de: string } }).indicator;
    expect(names.fr).not.toBe(names.en);

    const fr = await getDocument('/regions/FRH0?lang=fr');
    expect(fr.document.querySelector('html')!.getAttribute('lang')).toBe('fr');
    expect(fr.document.querySelector('#indicator-employment_rate_20_64')!.textContent).toBe(names.fr);
    expect(fr.document.querySelector('.skip-link')!.textContent).toBe('Aller au contenu');
    // links keep the language that was asked for
    expect(fr.document.querySelector('nav.breadcrumb a')!.getAttribute('href')).toBe('/regions/FR?lang=fr');

    const de = await getDocument('/regions/FRH0', { 'accept-language': 'es;q=1, de-AT;q=0.8, en;q=0.5' });
    expect(de.document.querySelector('html')!.getAttribute('lang')).toBe('de');
    expect(de.document.querySelector('#indicator-employment_rate_20_64')!.textContent).toBe(names.de);
    expect(de.response.headers.get('vary')).toMatch(/accept-language/i);
  });

  it('answers 404 for an unknown region, 400 for what is no code, 301 to the upper-case address', async () => {
    const unknown = await getDocument('/regions/XX999');
    expect(unknown.response.status).toBe(404);
    expect(unknown.document.querySelector('h1')!.textContent).toBe('Region not found');
    expect(unknown.document.querySelector('main')).not.toBeNull();

    const bad = await getDocument('/regions/%3Cscript%3E');
    expect(bad.response.status).toBe(400);
    expect(bad.text).not.toContain('<script>');
    expect(bad.document.querySelector('h1')!.textContent).toBe('Not a region code');
    const tooLong = await get(`/regions/${'A'.repeat(300)}`);
    expect(tooLong.status).toBe(400);

    const lower = await get('/regions/frh0?lang=de');
    expect(lower.status).toBe(301);
    expect(lower.headers.get('location')).toBe('/regions/FRH0?lang=de');
  });

  it('answers a repeated GET with its ETag by 304', async () => {
    const first = await get('/regions/FRH0');
    await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await get('/regions/FRH0', { 'if-none-match': etag! });
    expect(second.status).toBe(304);
  });

  it('answers ?fragment=1 with the bare article, readable by the allowed origins only', async () => {
    const response = await get('/regions/FRH0?fragment=1&lang=fr', { origin: PARTNER_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    const text = await response.text();
    expect(text.startsWith('<article')).toBe(true);
    expect(text).not.toMatch(/<html|<script|<main/);
    const article = parseHtml(text).querySelector('article')!;
    expect(article.getAttribute('lang')).toBe('fr');
    // its links point at the hub, not at the partner site that shows it
    expect(article.querySelectorAll('a[href^="/"]')).toHaveLength(0);
    expect(article.querySelector('a[href^="http://127.0.0.1"]')).not.toBeNull();

    const other = await get('/regions/FRH0?fragment=1', { origin: 'https://elsewhere.example' });
    await other.text();
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the children and ranks against the country, as the graph answers', async () => {
    const { body } = await hub.query('{ region(code: "FRH") { children { code } } }');
    const children = (body.data as { region: { children: Array<{ code: string }> } }).region.children;
    const { document } = await getDocument('/regions/FRH');
    const listed = document.querySelectorAll('ul.children a').map((a) => a.getAttribute('href'));
    expect(listed).toEqual(children.map(({ code }) => `/regions/${code}`));

    const ranked = await hub.query(
      `{ region(code: "FRH0") { latest(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN) {
          context { countryRank countryRegionCount } } } }`,
    );
    const context = (
      ranked.body.data as {
        region: { latest: { context: { countryRank: number; countryRegionCount: number } } };
      }
    ).region.latest.context;
    const page = await getDocument('/regions/FRH0');
    const row = page.document.querySelector(
      'tr[data-indicator="employment_rate_20_64"][data-breakdown="FOREIGN_BORN"]',
    )!;
    expect(cellsOf(row)[3]).toBe(`${context.countryRank} of ${context.countryRegionCount}`);
  });
});

describe.skipIf(!hasBrowser)('/regions/FRH0?lang=fr in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(['--font-render-hinting=none']);
  });
  afterAll(async () => browser?.close());

  it('looks like the reference, runs no script and loads nothing from elsewhere', async () => {
    const tab = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
    const requests: string[] = [];
    const violations: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    tab.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    try {
      const response = await tab.goto(`${origin}/regions/FRH0?lang=fr`, { waitUntil: 'load' });
      expect(response!.status()).toBe(200);
      // the stylesheet applied (the print/screen rules come from the served file, not inline)
      expect(await tab.locator('.skip-link').evaluate((el) => getComputedStyle(el).position)).toBe(
        'absolute',
      );
      // keyboard: the first Tab reaches the skip link
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.activeElement?.className)).toBe('skip-link');
      await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

      expect([...new Set(requests.map((url) => new URL(url).origin))]).toEqual([origin]);
      expect(violations).toEqual([]);

      const screenshot = await tab.screenshot({ fullPage: true });
      if (process.env.UPDATE_PROFILE_REFERENCE || !existsSync(REFERENCE)) {
        writeFileSync(REFERENCE, screenshot);
        console.warn(`wrote the reference image ${REFERENCE}`);
      }
      expect(await differingPixels(tab, screenshot, readFileSync(REFERENCE))).toBeLessThanOrEqual(
        MAX_DIFFERING_PIXELS,
      );
    } finally {
      await tab.close();
    }
  });
});

// last: it stops subgraphs of this file's hub
describe('GET /regions/<code> with a subgraph down', () => {
  // the profile's lists are non-null fields: a subgraph that does not answer nulls the whole region (GraphQL's
  // null propagation), so the page is asked again without that subgraph's sections, which say they are
  // unavailable; without `regions` there is no page at all
  it('shows the rest of the profile, marks the missing section, and lets no cache keep the page', async () => {
    await hub.subgraphs.forum!.stop();
    const partial = await getDocument('/regions/FRH0?lang=de');
    expect(partial.response.status).toBe(200);
    expect(partial.response.headers.get('cache-control')).toBe('no-store');
    const { document } = partial;
    expect(document.querySelector('h1')!.textContent).toContain('Bretagne');
    // the discussions say they are unavailable; the sections of the subgraphs that answered are there
    expect(document.querySelector('section.discussions .unavailable')!.textContent).toMatch(
      /nicht verfügbar/,
    );
    expect(document.querySelectorAll('.unavailable')).toHaveLength(1);
    expect(document.querySelector('section.indicators table')).not.toBeNull();
    expect(partial.text).not.toMatch(/Error:|at \w+ \(|ECONNREFUSED/);
    const fragment = await get('/regions/FRH0?fragment=1');
    expect(fragment.status).toBe(200);
    expect(await fragment.text()).toContain('class="unavailable"');
  });

  it('answers a 502 page that says so (never a 500, no stack) when the regions subgraph is down, not cached', async () => {
    await hub.subgraphs.regions!.stop();
    const down = await getDocument('/regions/FRH0?lang=de');
    expect(down.response.status).toBe(502);
    expect(down.response.headers.get('cache-control')).toBe('no-store');
    expect(down.document.querySelector('html')!.getAttribute('lang')).toBe('de');
    expect(down.document.querySelector('h1')!.textContent).toBe('Profil nicht verfügbar');
    expect(down.text).not.toMatch(/Error:|at \w+ \(|ECONNREFUSED/);
    const fragment = await get('/regions/FRH0?fragment=1');
    expect(fragment.status).toBe(502);
    expect(await fragment.text()).toBe('Unavailable: "FRH0".\n');
  });
});

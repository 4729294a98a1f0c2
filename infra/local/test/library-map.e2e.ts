/// <reference lib="dom" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CreateLibraryResourceDocument, PublishLibraryResourceDocument } from '@hub/codegen';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, differingPixels, launchChromium } from './browser';
import { startTestHub, type TestHub } from './harness';

/**
 * `<hub-map>` (issue 14) in Debian's chromium, as widget.e2e.ts tests `<hub-events>`: the NUTS 2 regions of
 * Austria drawn from the regions subgraph's geometry and coloured by library resources (two published in Vienna
 * and one in Styria, two of them located), with legend, keyboard focus, the table for screen readers and the
 * points; no request leaves the hub and the partner site; and a screenshot of the map compared with the committed
 * reference image (at most 1 % of pixels may differ by more than a little, for font and anti-aliasing noise).
 * `UPDATE_MAP_REFERENCE=1` rewrites the reference instead.
 */
const hasBrowser = browserAvailable('map browser tests');

const REFERENCE = path.join(__dirname, 'library-map.reference.png');
const MAX_DIFFERING_PIXELS = 0.01;

let hub: TestHub;
let browser: Browser;
let site: { origin: string; server: Server };
let markup = '';

async function startPartnerSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(markup);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const page = (body: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Partner map</title><style>body { font-family: sans-serif; }</style></head>
  <body>${body}<script src="${hub.url.replace(/\/graphql$/, '/widget.js')}"></script></body>
</html>`;

async function publish(
  token: string,
  territory: string,
  location: { longitude: number; latitude: number } | null,
) {
  const { body } = await hub.query(
    CreateLibraryResourceDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        kind: 'GOOD_PRACTICE',
        language: 'de',
        title: `Willkommensstelle ${territory}`,
        summary: 'Eine Anlaufstelle für neu angekommene Geflüchtete.',
        publishedOn: '2025-03-01',
        territories: [territory],
        location,
      },
    },
    token,
  );
  expect(body.errors).toBeUndefined();
  const created = body.data!.createResource;
  const published = await hub.query(
    PublishLibraryResourceDocument,
    { input: { id: created.id, version: 1 } },
    token,
  );
  expect(published.body.errors).toBeUndefined();
}

describe.skipIf(!hasBrowser)('<hub-map> in a real browser', () => {
  beforeAll(async () => {
    site = await startPartnerSite();
    hub = await startTestHub({ corsOrigins: [site.origin] });
    browser = await launchChromium(['--font-render-hinting=none']);
    const token = await hub.token('cpmr', ['contributor', 'editor']);
    await publish(token, 'AT13', { longitude: 16.3738, latitude: 48.2082 });
    await publish(token, 'AT13', null);
    await publish(token, 'AT22', { longitude: 15.4395, latitude: 47.0707 });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    site?.server.close();
  });

  async function open(body: string) {
    markup = page(body);
    const tab = await browser.newPage({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
    const scriptErrors: string[] = [];
    const requests: string[] = [];
    tab.on('pageerror', (error) => scriptErrors.push(error.message));
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(site.origin);
    await expect
      .poll(() => tab.locator('hub-map').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('ready');
    return { tab, scriptErrors, requests };
  }

  it('draws the NUTS 2 regions coloured by resource counts, with legend, keyboard focus, table and points', async () => {
    const { tab, scriptErrors, requests } = await open('<hub-map country="AT"></hub-map>');
    try {
      const regions = tab.locator('hub-map path');
      expect(await regions.count()).toBe(9);
      expect(await tab.locator('hub-map figcaption').textContent()).toBe('Library resources per region');
      // the table alternative: one row per region, with the counts
      const rows = await tab.locator('hub-map tbody tr').allTextContents();
      expect(rows).toHaveLength(9);
      expect(rows.find((row) => row.includes('(AT13)'))).toMatch(/\(AT13\)2$/);
      expect(rows.find((row) => row.includes('(AT22)'))).toMatch(/\(AT22\)1$/);
      expect(rows.find((row) => row.includes('(AT11)'))).toMatch(/\(AT11\)0$/);
      // the legend: five classes and "no data"
      expect(await tab.locator('hub-map .legend li').count()).toBe(6);
      // the located practices
      expect(await tab.locator('hub-map circle.point').count()).toBe(2);
      // the darkest colour for the region with most resources
      expect(await tab.locator('hub-map path[data-code="AT13"]').getAttribute('fill')).toBe('#08519c');
      // keyboard: Tab reaches a region, which is announced with its value
      await tab.keyboard.press('Tab');
      const focused = await tab.evaluate(
        () => document.querySelector('hub-map')!.shadowRoot!.activeElement?.getAttribute('data-code') ?? null,
      );
      expect(focused).toMatch(/^AT\d\d$/);
      expect(await tab.locator('hub-map .focus').textContent()).toMatch(
        new RegExp(`\\(${focused}\\): \\d+$`),
      );
      // nothing but the hub and the partner site (no tiles, no CDN)
      const origins = new Set(requests.map((url) => new URL(url).origin));
      expect([...origins].sort()).toEqual([site.origin, new URL(hub.url).origin].sort());
      expect(scriptErrors).toEqual([]);

      await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const screenshot = await tab.locator('hub-map svg').screenshot();
      if (process.env.UPDATE_MAP_REFERENCE || !existsSync(REFERENCE)) {
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

  it('colours by an indicator value instead, with the indicator named', async () => {
    const { tab, scriptErrors } = await open(
      '<hub-map country="AT" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-map>',
    );
    try {
      expect(await tab.locator('hub-map figcaption').textContent()).not.toBe('Library resources per region');
      const values = await tab.locator('hub-map tbody td').allTextContents();
      expect(values).toHaveLength(9);
      expect(values.filter((value) => /^\d+(\.\d)?$/.test(value)).length).toBeGreaterThan(5);
      expect(scriptErrors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

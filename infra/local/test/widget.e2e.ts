/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './browser';
import { startTestHub, type TestHub } from './harness';

const hasBrowser = browserAvailable('widget browser tests');

/** A partner's site on its own origin: one plain HTML page embedding the widgets with one script tag. */
async function startPartnerSite(page: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let hub: TestHub;
let browser: Browser;
let allowed: { origin: string; server: Server };
let refused: { origin: string; server: Server };
const pageHtml = () => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Région partenaire</title><style>h3 { color: red; }</style></head>
  <body>
    <h1>Nos activités</h1>
    <hub-events region="BE" limit="5" period="all"></hub-events>
    <hub-indicator region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
    <script src="${hub.url.replace(/\/graphql$/, '/widget.js')}"></script>
  </body>
</html>`;

/** A new tab that records uncaught script errors (the widget must never throw). */
async function openPage() {
  const page = await browser.newPage();
  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  return { page, scriptErrors };
}

describe.skipIf(!hasBrowser)('the embeddable widgets in a real browser', () => {
  beforeAll(async () => {
    allowed = await startPartnerSite(pageHtml);
    // Another port is another origin: the hub does not list this one.
    refused = await startPartnerSite(pageHtml);
    hub = await startTestHub({ corsOrigins: [allowed.origin] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    for (const site of [allowed, refused]) site?.server.close();
  });

  it('lists the seeded events, then shows a new one without a reload', async () => {
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(allowed.origin);
      const titles = page.locator('hub-events li h3');
      await expect
        .poll(() => titles.allTextContents(), { timeout: 15_000 })
        .toContain('Launch of the Cities and Regions for Integration initiative (#Regions4Integration)');
      // Semantic list in a shadow root, with the page's language for the interface and dates.
      expect(await page.locator('hub-events h2').textContent()).toBe('Événements');
      expect(await page.locator('hub-events time').first().getAttribute('datetime')).toMatch(/^\d{4}-/);
      expect(
        await page.evaluate(
          () => document.querySelector('hub-events')!.shadowRoot!.querySelector('ul') !== null,
        ),
      ).toBe(true);
      // The page's `h3 { color: red }` does not reach inside the widget.
      const colour = await titles.first().evaluate((node) => getComputedStyle(node).color);
      expect(colour).not.toBe('rgb(255, 0, 0)');

      const token = await hub.token('cpmr', ['contributor']);
      const { body } = await hub.query(
        CreateEventDocument,
        {
          input: {
            idempotencyKey: randomUUID(),
            title: 'Table ronde à Bruxelles',
            summary: 'Ajoutée pendant que la page est ouverte.',
            kind: 'POLITICAL_ROUNDTABLE',
            startsAt: '2030-01-15T09:00:00.000Z',
            endsAt: '2030-01-15T12:00:00.000Z',
            timeZone: 'Europe/Brussels',
            format: 'HYBRID',
            venue: { name: 'Jacques Delors building', city: 'Bruxelles', isoCountryCode: 'BE' },
            onlineUrl: 'https://example.org/live',
            hostRegions: ['BE10'],
            organisers: ['cpmr'],
            publish: true,
          },
        },
        token,
      );
      expect(body.errors).toBeUndefined();
      await expect
        .poll(() => titles.first().textContent(), { timeout: 15_000 })
        .toBe('Table ronde à Bruxelles');
      expect(await page.locator('hub-events li').first().textContent()).toContain('Sur place et en ligne');
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows an indicator with the page’s number format', async () => {
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(allowed.origin);
      await expect
        .poll(() => page.locator('hub-indicator .value').textContent(), { timeout: 15_000 })
        .toMatch(/^66,7\s%\s\(2025\)$/);
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('gives a page from an origin the hub does not allow no data', async () => {
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(refused.origin);
      await expect
        .poll(() => page.locator('hub-events').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('error');
      expect(await page.locator('hub-events [role=alert]').textContent()).toBe(
        'Impossible de charger les événements.',
      );
      expect(await page.locator('hub-events li').count()).toBe(0);
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

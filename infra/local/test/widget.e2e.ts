/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import { createGatewayServer, subscriptionStats, type RunningGateway } from '@hub/gateway';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './browser';
import { hubGatewayConfig } from '../src/hub';
import { startTestHub, type TestHub } from './harness';

const hasBrowser = browserAvailable('widget browser tests');

/** A partner's site on its own origin: plain HTML pages embedding the widgets with one script tag. */
async function startPartnerSite(page: (path: string) => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(req.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let hub: TestHub;
/** The gateway started in place of the hub's own by the restart test. */
let restartedGateway: RunningGateway | undefined;
let browser: Browser;
let allowed: { origin: string; server: Server };
let refused: { origin: string; server: Server };
const widgetScript = () => hub.url.replace(/\/graphql$/, '/widget.js');
const pageHtml = (path: string) => (path === '/fresh' ? freshPageHtml() : mainPageHtml());
const mainPageHtml = () => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Région partenaire</title><style>h3 { color: red; }</style></head>
  <body>
    <h1>Nos activités</h1>
    <hub-events region="BE" limit="5" period="all"></hub-events>
    <hub-indicator region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
    <script src="${widgetScript()}"></script>
  </body>
</html>`;
/**
 * A French partner page as a new user writes it on a fresh hub (every seeded event of FRH0 is past): the
 * widgets take the page's language, one of them a nearer ancestor's, one its own `lang` attribute.
 */
const freshPageHtml = () => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Partenaire</title></head>
  <body>
    <hub-events id="fresh-events" region="FRH0" limit="3"></hub-events>
    <hub-indicator id="indicator-fr" region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
    <div lang="de-AT">
      <hub-indicator id="indicator-de" region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
    </div>
    <hub-events id="events-en" lang="en" region="FRH0" limit="1"></hub-events>
    <hub-profile id="profile" region="FRH0"></hub-profile>
    <hub-profile id="profile-unknown" region="ZZ99"></hub-profile>
    <script src="${widgetScript()}"></script>
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
    await restartedGateway?.stop();
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

  it('says when a region has nothing upcoming and shows its latest past events instead', async () => {
    type Listed = { id: string; title: string; startsAt: string };
    /** The graph's own answer for FRH0: how many upcoming events, and the latest past ones. */
    const fromGraph = async () => {
      const { body } = await hub.query<
        { upcoming: { totalCount: number }; past: { edges: Array<{ node: Listed }> } },
        Record<string, never>
      >(`{
        upcoming: events(filter: { region: "FRH0", upcoming: true }) { totalCount }
        past: events(filter: { region: "FRH0", upcoming: false }, orderBy: STARTS_AT_DESC, first: 3) {
          edges { node { id title startsAt } }
        }
      }`);
      expect(body.errors).toBeUndefined();
      return {
        upcoming: body.data!.upcoming.totalCount,
        past: body.data!.past.edges.map(({ node }) => node),
      };
    };
    const shownPast = (id: string) =>
      page.locator(`${id} section.past li`).evaluateAll((items) =>
        items.map((item) => ({
          id: item.getAttribute('data-event-id'),
          title: item.querySelector('h3')?.textContent,
          startsAt: item.querySelector('time')?.getAttribute('datetime'),
        })),
      );

    // the seeded hub: nothing upcoming in FRH0 (its seeded events, if any, are past)
    const seeded = await fromGraph();
    expect(seeded.upcoming).toBe(0);
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(`${allowed.origin}/fresh`);
      const widget = page.locator('#fresh-events');
      await expect.poll(() => widget.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      expect(await widget.locator('.empty').textContent()).toBe('Aucun événement à venir.');
      expect(await shownPast('#fresh-events')).toEqual(seeded.past);

      // a partner records a past event in the region: the open widget lists it under "past events"
      const token = await hub.token('cpmr', ['contributor']);
      const created = await hub.query(
        CreateEventDocument,
        {
          input: {
            idempotencyKey: randomUUID(),
            title: 'Atelier régional sur l’accueil des nouveaux arrivants',
            summary: 'Un atelier qui a déjà eu lieu.',
            kind: 'POLITICAL_ROUNDTABLE',
            startsAt: '2025-06-12T07:30:00.000Z',
            endsAt: '2025-06-12T15:00:00.000Z',
            timeZone: 'Europe/Paris',
            format: 'IN_PERSON',
            venue: { name: 'Hôtel de Région', city: 'Rennes', isoCountryCode: 'FR' },
            hostRegions: ['FRH0'],
            organisers: ['cpmr'],
            publish: true,
          },
        },
        token,
      );
      expect(created.body.errors).toBeUndefined();
      const after = await fromGraph();
      expect(after.upcoming).toBe(0);
      expect(after.past.map((event) => event.title)).toContain(
        'Atelier régional sur l’accueil des nouveaux arrivants',
      );
      await expect.poll(() => shownPast('#fresh-events'), { timeout: 15_000 }).toEqual(after.past);
      expect(await widget.locator('h2').allTextContents()).toEqual([
        'Événements à venir',
        'Événements passés',
      ]);
      expect(await widget.locator('.empty').textContent()).toBe('Aucun événement à venir.');

      // its own lang attribute wins over the page's (a new page: this widget has no live reload to wait for)
      await page.reload();
      const english = page.locator('#events-en');
      await expect.poll(() => english.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      expect(await english.locator('h2').allTextContents()).toEqual(['Upcoming events', 'Past events']);
      expect(await english.locator('.empty').textContent()).toBe('No upcoming events.');
      expect(await shownPast('#events-en')).toEqual(after.past.slice(0, 1));
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('names the indicator in the page’s language, as the graph words it', async () => {
    const labels = async (lang: 'EN' | 'FR' | 'DE') => {
      const { body } = await hub.query<
        {
          region: { name: string };
          indicator: { name: string; breakdownLabels: Array<{ breakdown: string; label: string }> };
        },
        { lang: string }
      >(
        `query ($lang: Language) {
          region(code: "AT13") { name }
          indicator(code: "employment_rate_20_64") { name(lang: $lang) breakdownLabels(lang: $lang) { breakdown label } }
        }`,
        { lang },
      );
      expect(body.errors).toBeUndefined();
      const { region, indicator } = body.data!;
      return {
        heading: `${indicator.name} · ${region.name}`,
        group: indicator.breakdownLabels.find((label) => label.breakdown === 'FOREIGN_BORN')!.label,
      };
    };
    const [english, french, german] = await Promise.all([labels('EN'), labels('FR'), labels('DE')]);
    // otherwise the test could not tell a translated name from the English one
    expect(french.heading).not.toBe(english.heading);
    expect(german.heading).not.toBe(english.heading);

    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(`${allowed.origin}/fresh`);
      for (const [id, expected] of [
        ['#indicator-fr', french],
        ['#indicator-de', german],
      ] as const) {
        const widget = page.locator(id);
        await expect.poll(() => widget.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
        expect(await widget.locator('h2').textContent()).toBe(expected.heading);
        expect(await widget.locator('.group').textContent()).toBe(expected.group);
      }
      // numbers in the element's locale: French and Austrian German both write a decimal comma
      expect(await page.locator('#indicator-fr .value').textContent()).toMatch(/^\d+,\d\s%\s\(\d{4}\)$/);
      expect(await page.locator('#indicator-de p', { hasText: 'Quelle:' }).count()).toBe(1);
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('embeds a region’s profile from the hub, in the page’s language', async () => {
    const hubOrigin = new URL(hub.url).origin;
    const fragment = await fetch(`${hubOrigin}/regions/FRH0?lang=fr&fragment=1`);
    expect(fragment.status).toBe(200);
    const markup = await fragment.text();

    const { page, scriptErrors } = await openPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      await page.goto(`${allowed.origin}/fresh`);
      const widget = page.locator('#profile');
      await expect.poll(() => widget.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      // the same article the hub renders, read as text in this browser
      const { shown, expected } = await page.evaluate((html) => {
        const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const parsed = new DOMParser().parseFromString(html, 'text/html');
        const root = document.querySelector('#profile')!.shadowRoot!;
        return {
          shown: text(root.querySelector('article')),
          expected: text(parsed.querySelector('article')),
        };
      }, markup);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toBe(expected);
      expect(await widget.locator('article').getAttribute('lang')).toBe('fr');
      expect(await widget.locator('h1').count()).toBe(1);
      expect(await widget.locator('table caption').count()).toBeGreaterThan(0);
      // links lead to the hub, not to the partner's site
      const hrefs = await widget
        .locator('a[href]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(
        hrefs
          .filter((href) => href.includes('/regions/'))
          .every((href) => href.startsWith(`${hubOrigin}/regions/`)),
      ).toBe(true);
      // an unknown region: a message, not an empty box
      const unknown = page.locator('#profile-unknown');
      await expect.poll(() => unknown.getAttribute('data-state'), { timeout: 15_000 }).toBe('error');
      expect(await unknown.locator('[role=alert]').textContent()).toBe('Aucune région ne porte ce code.');
      // nothing but the hub and the partner site
      const origins = new Set(requests.map((url) => new URL(url).origin));
      expect([...origins].sort()).toEqual([allowed.origin, hubOrigin].sort());
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  /** Publishes an event hosted in Brussels (BE10) with `title`, as a partner would. */
  async function publishBrusselsEvent(title: string): Promise<void> {
    const token = await hub.token('cpmr', ['contributor']);
    const { body } = await hub.query(
      CreateEventDocument,
      {
        input: {
          idempotencyKey: randomUUID(),
          title,
          summary: 'Publiée pendant que la page est ouverte.',
          kind: 'WORKSHOP',
          startsAt: '2030-01-10T09:00:00.000Z',
          endsAt: '2030-01-10T12:00:00.000Z',
          timeZone: 'Europe/Brussels',
          format: 'ONLINE',
          onlineUrl: 'https://example.org/atelier',
          hostRegions: ['BE10'],
          organisers: ['cpmr'],
          publish: true,
        },
      },
      token,
    );
    expect(body.errors).toBeUndefined();
  }

  it('subscribes again after its subgraph restarted (the stream completed)', async () => {
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(allowed.origin);
      const widget = page.locator('hub-events');
      await expect.poll(() => widget.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      // the events subgraph goes away: the gateway ends the widget's stream (SUBGRAPH_UNAVAILABLE, `complete`)
      const stopped = await hub.stopSubgraph('events');
      await stopped.restart();
      const first = `Après le redémarrage ${randomUUID().slice(0, 8)}`;
      await publishBrusselsEvent(first);
      const titles = () => widget.locator('li h3').allTextContents();
      await expect.poll(titles, { timeout: 40_000 }).toContain(first);
      // and live again, not only reloaded once it came back
      const second = `Puis en direct ${randomUUID().slice(0, 8)}`;
      await publishBrusselsEvent(second);
      await expect.poll(titles, { timeout: 15_000 }).toContain(second);
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // last: the hub's gateway is another process afterwards
  it('keeps its live updates when the gateway restarts (a deploy)', async () => {
    const { page, scriptErrors } = await openPage();
    try {
      await page.goto(allowed.origin);
      const widget = page.locator('hub-events');
      await expect.poll(() => widget.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      // every live widget of the page holds its stream (hub-events and hub-indicator)
      await expect
        .poll(() => subscriptionStats(hub.gateway.httpServer).members, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(2);

      // the gateway process stops (ending every stream without `complete`) and a new one starts on its address
      const port = Number(new URL(hub.url).port);
      await hub.gateway.stop();
      restartedGateway = await createGatewayServer(
        hubGatewayConfig(hub.subgraphs, hub.secrets, {
          port,
          logLevel: 'warn',
          corsOrigins: [allowed.origin],
        }),
      );
      const gateway = restartedGateway;
      // the widgets came back by themselves (backoff: 1 s, then 2 s… with jitter)
      await expect.poll(() => subscriptionStats(gateway.httpServer).members, { timeout: 20_000 }).toBe(2);

      const title = `Après le redéploiement ${randomUUID().slice(0, 8)}`;
      await publishBrusselsEvent(title);
      await expect
        .poll(() => widget.locator('li h3').allTextContents(), { timeout: 15_000 })
        .toContain(title);
      expect(scriptErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

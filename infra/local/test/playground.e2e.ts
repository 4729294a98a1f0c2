/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './browser';
import { startTestHub, type TestHub } from './harness';

/**
 * The playground (GraphiQL 5 built by @hub/playground, served by the gateway) in Debian's chromium, against
 * the whole hub. CI installs chromium and sets HUB_REQUIRE_BROWSER=1, so there a missing browser fails the
 * run; on a machine with only Node.js these tests are skipped and say so.
 */
const hasBrowser = browserAvailable('playground browser tests');

interface Session {
  context: BrowserContext;
  page: Page;
  /** `securitypolicyviolation` events of the page: directive and blocked URL. */
  violations(): Promise<string[]>;
  /** Console errors (a CSP violation in a worker shows only there) and uncaught exceptions. */
  errors: string[];
  /** Every URL the page requested (HTTP and WebSocket). */
  requests: string[];
}

let hub: TestHub;
let browser: Browser;

/** A fresh browser session (its own localStorage and sessionStorage) on the playground. */
async function openPlayground(): Promise<Session> {
  // tall enough for Monaco to render a whole event in the response pane (it renders only the visible lines)
  const context = await browser.newContext({ viewport: { width: 1400, height: 2000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  // runs before the page's own scripts, outside its Content-Security-Policy
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(hub.playgroundUrl);
  await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
  return {
    context,
    page,
    errors,
    requests,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** The text a Monaco editor shows (the lines it rendered), spaces normalised. */
async function editorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

const VARIABLES = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
const RESPONSE = '.result-window';

/** Nothing the page asked for left the gateway's origin (data: URLs are the page's own bytes). */
function expectOnlyTheGateway(requests: string[]): void {
  const gateway = new URL(hub.url);
  const elsewhere = requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    return new URL(url).host !== gateway.host;
  });
  expect(elsewhere).toEqual([]);
  expect(requests.length).toBeGreaterThan(5);
}

describe.skipIf(!hasBrowser)('the playground in a real browser', () => {
  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('opens the examples as tabs, the first with its variables, and runs it on the first click', async () => {
    const session = await openPlayground();
    const { page } = session;
    try {
      const tabs = page.locator('.graphiql-tab');
      await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBeGreaterThan(40);
      expect(await tabs.first().innerText()).toContain('RegionActivity');
      expect(await tabs.allInnerTexts()).toEqual(
        expect.arrayContaining(['EventChanges', 'EmploymentDashboard']),
      );
      // the bug this replaces: the first tab opened with empty variables, so the first Run failed
      await expect.poll(() => editorText(page, VARIABLES), { timeout: 15_000 }).toContain('"code": "FRH0"');

      await page.locator('.graphiql-execute-button').click();
      await expect
        .poll(() => editorText(page, RESPONSE), { timeout: 20_000 })
        .toMatch(/"region": \{\s*"code": "FRH0",\s*"name": "Bretagne"/);
      expect(await editorText(page, RESPONSE)).not.toContain('"errors"');

      // another example tab brings its own variables
      await tabs.filter({ hasText: 'SearchRegions' }).click();
      await expect.poll(() => editorText(page, VARIABLES)).toContain('"search": "kriti"');

      // the explorer plugin is open beside the editors and lists the schema's root fields
      const explorer = page.locator('.graphiql-plugin');
      await expect.poll(() => explorer.innerText(), { timeout: 15_000 }).toContain('regions');

      expect(await session.violations()).toEqual([]);
      expect(session.errors).toEqual([]);
      expectOnlyTheGateway(session.requests);
    } finally {
      await session.context.close();
    }
  });

  it('streams a subscription over graphql-ws with the token pasted once per session', async () => {
    const session = await openPlayground();
    const { page } = session;
    try {
      const token = await hub.token('cpmr', ['contributor']);
      await page.getByLabel('Token', { exact: true }).fill(`Bearer ${token}`);
      await page.getByRole('button', { name: 'Use token' }).click();
      await expect
        .poll(() => page.locator('.hub-token__status').innerText())
        .toContain('Signed in as Test contributor of cpmr');

      await page.locator('.graphiql-tab').filter({ hasText: 'EventChanges' }).click();
      await expect.poll(() => editorText(page, VARIABLES)).toContain('"region": "FRH0"');
      await page.locator('.graphiql-execute-button').click();
      // subscribed once the socket is up: the gateway then holds one subscription group
      await expect
        .poll(() => session.requests.filter((url) => url.startsWith('ws://')).length, { timeout: 15_000 })
        .toBe(1);

      // a draft reaches only its own organisation: seeing it proves the socket carries the token
      const title = `Playground draft ${randomUUID().slice(0, 8)}`;
      await expect
        .poll(
          async () => {
            const { body } = await hub.query(
              CreateEventDocument,
              {
                input: {
                  idempotencyKey: randomUUID(),
                  title,
                  summary: 'Created while the playground listens.',
                  kind: 'WORKSHOP',
                  startsAt: '2031-02-03T09:00:00.000Z',
                  endsAt: '2031-02-03T12:00:00.000Z',
                  timeZone: 'Europe/Paris',
                  format: 'ONLINE',
                  onlineUrl: 'https://example.org/live',
                  hostRegions: ['FRH0'],
                  organisers: ['cpmr'],
                },
              },
              token,
            );
            expect(body.errors).toBeUndefined();
            return editorText(page, RESPONSE).then((text) => text.includes(title));
          },
          { timeout: 20_000, interval: 2_000 },
        )
        .toBe(true);
      const response = await editorText(page, RESPONSE);
      expect(response).toContain('"change": "CREATED"');
      expect(response).toContain('"status": "DRAFT"');

      // pasted once: a reload in the same session keeps it (sessionStorage), localStorage never holds it
      await page.reload();
      await expect
        .poll(() => page.locator('.hub-token__status').innerText(), { timeout: 15_000 })
        .toContain('Signed in as Test contributor of cpmr');
      const stored = await page.evaluate(() => ({
        session: sessionStorage.getItem('hub:playground:token'),
        local: Object.keys(localStorage).map((key) => localStorage.getItem(key) ?? ''),
      }));
      expect(stored.session).toBe(token);
      expect(stored.local.some((value) => value.includes(token))).toBe(false);

      expect(await session.violations()).toEqual([]);
      expect(session.errors).toEqual([]);
      expectOnlyTheGateway(session.requests);
    } finally {
      await session.context.close();
    }
  });
});

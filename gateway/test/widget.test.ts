import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_PACKAGE_DIR } from '../src';
import { WIDGET_PATH, widgetScriptFile } from '../src/widget';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';

/**
 * The widgets' operations against the composed client API (the browser tests in infra/local need Chromium;
 * this one catches a renamed field or argument type everywhere), and the bundle the gateway serves.
 */
const API_SCHEMA = path.join(GATEWAY_PACKAGE_DIR, '../schema/api.graphql');
/** @hub/web's widget sources (TypeScript, bundled into dist/widgets/widget.js). */
const WIDGETS_DIR = path.join(path.dirname(require.resolve('@hub/web/package.json')), 'src/widgets');

/** The operations written as template literals in one widget module. */
function widgetOperations(module: string): Array<[string, string]> {
  const source = readFileSync(path.join(WIDGETS_DIR, module), 'utf8');
  return [...source.matchAll(/`((?:query|subscription|mutation) (\w+)[\s\S]*?)`/g)].map((match) => [
    match[2]!,
    match[1]!,
  ]);
}

const OPERATIONS = [...widgetOperations('events.ts'), ...widgetOperations('indicator.ts')];

describe('the widgets’ operations', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));

  it('are found in the sources', () => {
    expect(OPERATIONS.map(([name]) => name)).toEqual([
      'HubWidgetEvents',
      'HubWidgetEventsLive',
      'HubWidgetIndicator',
      'HubWidgetIndicatorLive',
    ]);
  });

  it.each(OPERATIONS)('%s is valid against schema/api.graphql', (_name, operation) => {
    expect(validate(schema, parse(operation)).map((error) => error.message)).toEqual([]);
  });
});

describe('GET /widget.js', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub();
  });
  afterAll(async () => hub?.stop());

  it('serves @hub/web’s bundle as a script any site may load, with all four elements', async () => {
    const response = await fetch(`${hub.origin}${WIDGET_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await response.text();
    expect(script).toBe(readFileSync(widgetScriptFile(), 'utf8'));
    for (const tag of ['hub-events', 'hub-indicator', 'hub-map', 'hub-profile']) {
      expect(script).toMatch(new RegExp(`[\`'"]${tag}[\`'"]`));
    }
    // a classic script (not a module) without imports: one <script src> tag is all a partner page needs
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('answers 304 to its ETag and gzips for clients that accept it', async () => {
    const first = await fetch(`${hub.origin}${WIDGET_PATH}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${hub.origin}${WIDGET_PATH}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    // fetch decompresses on its own: node:http reads the bytes as sent
    const { encoding, body } = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      get(`${hub.origin}${WIDGET_PATH}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      }).on('error', reject);
    });
    expect(encoding).toBe('gzip');
    expect(gunzipSync(body).toString('utf8')).toBe(readFileSync(widgetScriptFile(), 'utf8'));
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GATEWAY_PACKAGE_DIR } from '../src';
import { widgetScriptFile } from '../src/widget';

/**
 * `<hub-map>`'s operations against the composed client API (the browser test, with its screenshot, is
 * infra/local/test/library-map.e2e.ts), and what the served bundle may load.
 */
const API_SCHEMA = path.join(GATEWAY_PACKAGE_DIR, '../schema/api.graphql');
const MAP_SOURCE = path.join(path.dirname(require.resolve('@hub/web/package.json')), 'src/widgets/map.ts');

function mapOperations(): Array<[string, string]> {
  const source = readFileSync(MAP_SOURCE, 'utf8');
  return [...source.matchAll(/`((?:query|subscription|mutation) (\w+)[\s\S]*?)`/g)].map((match) => [
    match[2]!,
    match[1]!,
  ]);
}

describe('<hub-map>', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));

  it('has its two operations, both in the served bundle', () => {
    expect(mapOperations().map(([name]) => name)).toEqual(['HubWidgetMap', 'HubWidgetMapPoints']);
    const bundle = readFileSync(widgetScriptFile(), 'utf8');
    for (const [name] of mapOperations()) expect(bundle).toContain(`query ${name}(`);
  });

  it.each(mapOperations())('%s is valid against schema/api.graphql', (_name, operation) => {
    expect(validate(schema, parse(operation)).map((error) => error.message)).toEqual([]);
  });

  it('loads nothing from elsewhere than the hub (no tiles, no CDN): the bundle names no other host', () => {
    const bundle = readFileSync(widgetScriptFile(), 'utf8');
    const urls = [...bundle.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"`)]*/gi)].map(
      (match) => match[0],
    );
    expect([...new Set(urls)]).toEqual(['http://www.w3.org/2000/svg']);
  });
});

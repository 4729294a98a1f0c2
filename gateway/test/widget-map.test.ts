import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GATEWAY_PACKAGE_DIR } from '../src';
import { WIDGET_FILES } from '../src/widget';

/**
 * `<hub-map>`'s operations against the composed client API (the browser test, with its screenshot, is
 * infra/local/test/library-map.e2e.ts), and its place in the served script.
 */
const API_SCHEMA = path.join(GATEWAY_PACKAGE_DIR, '../schema/api.graphql');
const MAP_SCRIPT = path.join(GATEWAY_PACKAGE_DIR, 'src/widget/hub-map.js');

function mapOperations(): Array<[string, string]> {
  const script = readFileSync(MAP_SCRIPT, 'utf8');
  return [...script.matchAll(/`((?:query|subscription|mutation) (\w+)[\s\S]*?)`/g)].map((match) => [
    match[2]!,
    match[1]!,
  ]);
}

describe('<hub-map>', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));

  it('is served in widget.js after the other widgets', () => {
    expect(WIDGET_FILES).toEqual(['hub-widget.js', 'hub-map.js']);
    expect(mapOperations().map(([name]) => name)).toEqual(['HubWidgetMap', 'HubWidgetMapPoints']);
  });

  it.each(mapOperations())('%s is valid against schema/api.graphql', (_name, operation) => {
    expect(validate(schema, parse(operation)).map((error) => error.message)).toEqual([]);
  });

  it('loads nothing from elsewhere than the hub (no tiles, no CDN)', () => {
    const script = readFileSync(MAP_SCRIPT, 'utf8');
    const urls = [...script.matchAll(/https?:\/\/[^\s'"`)]+/g)].map((match) => match[0]);
    expect(urls).toEqual(['http://www.w3.org/2000/svg']);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GATEWAY_PACKAGE_DIR } from '../src';

/**
 * The widgets' operations against the composed client API (the browser test in infra/local needs Chromium;
 * this one catches a renamed field or argument type everywhere).
 */
const API_SCHEMA = path.join(GATEWAY_PACKAGE_DIR, '../schema/api.graphql');
const WIDGET_SCRIPT = path.join(GATEWAY_PACKAGE_DIR, 'src/widget/hub-widget.js');

function widgetOperations(): Array<[string, string]> {
  const script = readFileSync(WIDGET_SCRIPT, 'utf8');
  return [...script.matchAll(/`((?:query|subscription|mutation) (\w+)[\s\S]*?)`/g)].map((match) => [
    match[2]!,
    match[1]!,
  ]);
}

describe('the widgets’ operations', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));

  it('are found in the script', () => {
    expect(widgetOperations().map(([name]) => name)).toEqual([
      'HubWidgetEvents',
      'HubWidgetEventsLive',
      'HubWidgetIndicator',
      'HubWidgetIndicatorLive',
    ]);
  });

  it.each(widgetOperations())('%s is valid against schema/api.graphql', (_name, operation) => {
    expect(validate(schema, parse(operation)).map((error) => error.message)).toEqual([]);
  });
});

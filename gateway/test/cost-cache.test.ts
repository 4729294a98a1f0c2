import { listSizesOf } from '@hub/kit';
import { buildSchema, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostCache, costLimitPlugin } from '../src/cost';

const SCHEMA = buildSchema(/* GraphQL */ `
  type Query {
    regions(first: Int = 50): [Region!]!
  }
  type Region {
    code: ID!
    name: String!
  }
`);

const PAGE = parse('query Page($first: Int) { regions(first: $first) { code name } }');

/** What the cost plugin decides for one request: undefined when it lets it through, else the error code. */
async function decide(
  plugin: ReturnType<typeof costLimitPlugin>,
  document: DocumentNode,
  variables: Record<string, unknown>,
): Promise<unknown> {
  const listener = await plugin.requestDidStart!({} as never);
  try {
    await listener!.didResolveOperation!({
      schema: SCHEMA,
      document,
      request: { variables },
      operationName: 'Page',
    } as never);
    return undefined;
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
}

describe('the cost of an operation, remembered per document and variables', () => {
  it('keeps one cost per operation name and variables of a document', () => {
    const costs = new CostCache();
    let computed = 0;
    const cost = (value: number) => () => {
      computed += 1;
      return value;
    };
    expect(costs.costOf(PAGE, 'Page', { first: 10 }, cost(21))).toBe(21);
    expect(costs.costOf(PAGE, 'Page', { first: 10 }, cost(99))).toBe(21);
    expect(computed).toBe(1);
    expect(costs.costOf(PAGE, 'Page', { first: 11 }, cost(23))).toBe(23);
    expect(costs.costOf(PAGE, 'Other', { first: 10 }, cost(5))).toBe(5);
    const other = parse('query Page($first: Int) { regions(first: $first) { code } }');
    expect(costs.costOf(other, 'Page', { first: 10 }, cost(11))).toBe(11);
    expect(computed).toBe(4);
  });

  it('does not keep variables too long to be a key, or that are not JSON, nor a cost that failed', () => {
    const costs = new CostCache();
    let computed = 0;
    const three = () => {
      computed += 1;
      return 3;
    };
    const long = { first: 1, filler: 'x'.repeat(2000) };
    const notJson = { first: 1n };
    for (let round = 0; round < 2; round += 1) {
      expect(costs.costOf(PAGE, 'Page', long, three)).toBe(3);
      expect(costs.costOf(PAGE, 'Page', notJson, three)).toBe(3);
    }
    expect(computed).toBe(4);
    expect(() =>
      costs.costOf(PAGE, 'Page', { first: 2 }, () => {
        throw new Error('variables do not coerce');
      }),
    ).toThrow();
    expect(costs.costOf(PAGE, 'Page', { first: 2 }, three)).toBe(3);
  });

  it('refuses a costly request every time, and lets a cheap one with the same document through', async () => {
    const plugin = costLimitPlugin({ maxCost: 1000, listSizes: listSizesOf('type Query { x: Int }') });
    for (let round = 0; round < 3; round += 1) {
      expect(await decide(plugin, PAGE, { first: 10 })).toBeUndefined();
      expect(await decide(plugin, PAGE, { first: 5000 })).toBe('QUERY_TOO_COSTLY');
      // no `first`: the argument's default (50)
      expect(await decide(plugin, PAGE, {})).toBeUndefined();
    }
  });
});

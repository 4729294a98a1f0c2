import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { listSizesOf } from '@hub/kit';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, GATEWAY_PACKAGE_DIR, loadExampleOperations } from '../src';
import { createCostEstimator, DEFAULT_MAX_COST, operationCost, UNDECLARED_LIST_SIZE } from '../src/cost';
import { RESPONSE_TOO_LARGE } from '../src/response-size';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';
import { clientToken, record, startSubscriptionHub, type SubscriptionHub } from './fixtures/subscription-hub';

const SCHEMA = buildSchema(/* GraphQL */ `
  type Query {
    regions(first: Int = 50): RegionConnection!
    region(code: ID!): Region
    everything: [Region!]!
  }
  type RegionConnection {
    totalCount: Int!
    edges: [RegionEdge!]!
  }
  type RegionEdge {
    node: Region!
  }
  type Region {
    code: ID!
    names: [String!]!
    children: [Region!]!
    ancestors: [Region!]!
  }
`);
const SIZES = listSizesOf(/* GraphQL */ `
  type Region {
    children: [Region!]! @listSize(assumedSize: 25)
    ancestors: [Region!]! @listSize(assumedSize: 3)
  }
`);

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  return operationCost(SCHEMA, parse(query), createCostEstimator(SIZES), variables, undefined);
}

describe('the cost of an operation (in-process)', () => {
  it('counts 1 per field; lists of scalars are leaves', () => {
    expect(costOf('{ region(code: "FRH0") { code names } }')).toBe(3);
  });

  it('multiplies a paged list by `first`, its default when not given, and through variables', () => {
    // regions: 1 + first × (edges 1 + node 1 + code 1)
    expect(costOf('{ regions(first: 500) { edges { node { code } } } }')).toBe(1 + 500 * 3);
    expect(costOf('{ regions { edges { node { code } } } }')).toBe(1 + 50 * 3);
    expect(costOf('query ($n: Int) { regions(first: $n) { edges { node { code } } } }', { n: 7 })).toBe(
      1 + 7 * 3,
    );
  });

  it('multiplies other lists of objects by their declared size, undeclared ones by UNDECLARED_LIST_SIZE', () => {
    expect(costOf('{ region(code: "DE2") { children { code } } }')).toBe(1 + 1 + 25 * 1);
    expect(costOf('{ region(code: "DE2") { ancestors { children { code } } } }')).toBe(1 + 1 + 3 * (1 + 25));
    expect(costOf('{ everything { code } }')).toBe(1 + UNDECLARED_LIST_SIZE);
  });

  it('counts every alias', () => {
    expect(costOf('{ a: region(code: "A") { code } b: region(code: "B") { code } }')).toBe(4);
  });

  describe('on the hub’s own supergraph', () => {
    const schemaDir = path.resolve(GATEWAY_PACKAGE_DIR, '../schema');
    const operationsDir = path.resolve(GATEWAY_PACKAGE_DIR, '../codegen/operations');
    const available = existsSync(path.join(schemaDir, 'supergraph.graphql')) && existsSync(operationsDir);
    const supergraph = available ? readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8') : '';
    const api = available ? Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema() : SCHEMA;
    const estimator = createCostEstimator(available ? listSizesOf(supergraph) : SIZES);

    it.runIf(available)('fits every example operation and the introspection query under the default', () => {
      const examples = loadExampleOperations(operationsDir);
      expect(examples.length).toBeGreaterThan(20);
      for (const example of examples) {
        const cost = operationCost(
          api,
          parse(example.query),
          estimator,
          example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : {},
          example.name,
        );
        expect({ example: example.name, fits: cost <= DEFAULT_MAX_COST }).toEqual({
          example: example.name,
          fits: true,
        });
      }
      expect(operationCost(api, parse(getIntrospectionQuery()), estimator, {}, undefined)).toBeLessThan(1000);
    });

    it.runIf(available)('prices issue 12’s attack at more than twice the default', () => {
      const attack = parse(
        '{ regions(first: 500, country: "DE", level: 3) { edges { node { ancestors { children { children { children { code } } } } } } } }',
      );
      expect(operationCost(api, attack, estimator, {}, undefined)).toBeGreaterThan(2 * DEFAULT_MAX_COST);
    });
  });
});

describe('the cost limit and the response size cap through the gateway', () => {
  let hub: FixtureHub;

  beforeAll(async () => {
    hub = await startFixtureHub({ limits: { ...DEFAULT_LIMITS, maxCost: 150, maxResponseBytes: 2_000 } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('refuses an operation over maxCost with HTTP 400 and QUERY_TOO_COSTLY, before any subgraph is asked', async () => {
    const before = hub.subgraphs.greetings.calls;
    // `greetings` declares no size: 1 + 100 × (text 1 + id 1) = 201
    const response = await hub.query('{ greetings { id text } }');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message:
          'The operation would cost 201, over the limit of 150 (MAX_COST): ask for fewer items (first) or fewer nested lists.',
        extensions: { code: 'QUERY_TOO_COSTLY' },
      },
    ]);
    expect(hub.subgraphs.greetings.calls).toBe(before);
  });

  it('runs one under it', async () => {
    const response = await hub.query('{ greetings { id } }'); // 1 + 100 × 1
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('replaces an answer over maxResponseBytes with RESPONSE_TOO_LARGE', async () => {
    const small = await hub.query('{ repeatedGreetings(times: 2) { text } }');
    expect(small.status).toBe(200);
    const large = await hub.query('{ repeatedGreetings(times: 200) { text } }');
    expect(large.status).toBe(400);
    expect(large.headers.get('cache-control')).toBe('no-store');
    expect(large.body.errors?.map((error) => error.extensions?.code)).toEqual([RESPONSE_TOO_LARGE]);
    expect(large.body.errors?.[0]?.message).toMatch(/over the limit of 2000 \(MAX_RESPONSE_BYTES\)/);
    expect(hub.logs.some((line) => line.msg === 'refused to send a response over MAX_RESPONSE_BYTES')).toBe(
      true,
    );
  });
});

describe('the cost limit on subscriptions', () => {
  let hub: SubscriptionHub;

  beforeAll(async () => {
    hub = await startSubscriptionHub({ limits: { ...DEFAULT_LIMITS, maxCost: 3 } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('refuses a subscription whose per-event selection costs more, over graphql-ws', async () => {
    const token = await clientToken('ana');
    const ending = await record(
      hub.client({ token }),
      'subscription { greetingPosted { sequence greeting { text likes } } }',
    ).end();
    const errors = (ending as { error: Array<{ extensions?: { code?: string } }> }).error;
    expect(errors.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(hub.feed.activeSubscriptions).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print, parse } from 'graphql';
import { createLogger } from '@hub/kit';
import type { RunningGateway } from '../src';
import { knownOperationsOf, warmQueryPlans, warmUpRequests } from '../src/plan-warmup';
import { EXAMPLE_OPERATIONS, startFixtureHub, type FixtureHub } from './fixtures/hub';

/** Plans the gateway has built so far, from its metric `hub_gateway_query_plans_built_total`. */
async function plansBuilt(gateway: RunningGateway): Promise<number> {
  const metric = await gateway.metrics.getSingleMetric('hub_gateway_query_plans_built_total')?.get();
  return metric?.values[0]?.value ?? NaN;
}

const [GREETING_BY_ID, TREE] = EXAMPLE_OPERATIONS;
const RENAME = 'mutation Rename($id: ID!) { renameGreeting(id: $id, text: "warm") { id text } }';

describe('plan warm-up at start', () => {
  let hub: FixtureHub;
  let callsAtStart: number;

  beforeAll(async () => {
    // the fixture hub's playground examples are its known operations; a mutation beside them
    hub = await startFixtureHub({
      knownOperations: [
        ...knownOperationsOf(EXAMPLE_OPERATIONS),
        { name: 'Rename', query: RENAME, variables: { id: '1' } },
      ],
    });
    callsAtStart = hub.subgraphs.greetings.calls + hub.subgraphs.reactions.calls;
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('plans every known operation before listening, fetching nothing and logging what it did', async () => {
    // GreetingById, TreeLevels and Rename as printed, with and without their name
    expect(await plansBuilt(hub.gateway)).toBe(6);
    expect(callsAtStart).toBe(0);
    const done = hub.logs.find((line) => line.msg === 'plan warm-up done');
    expect(done).toMatchObject({ planned: 6, refused: 0, skipped: 0 });
    // nothing was masked or logged as an error on the way
    expect(hub.logs.filter((line) => line.level === 50)).toEqual([]);
    // the mutation was planned, never run
    expect((await hub.query('{ greeting(id: "1") { text } }')).body.data).toEqual({
      greeting: { text: 'Hello, regions' },
    });
  });

  it('serves the first request of a known operation without planning again', async () => {
    const before = await plansBuilt(hub.gateway);
    const withoutName = await hub.query(print(parse(GREETING_BY_ID!.query)), { id: '1' });
    expect(withoutName.body).toEqual({ data: { greeting: { id: '1', text: 'Hello, regions', likes: 10 } } });
    // as a typed client sends it: the printed document and its operation name
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(parse(TREE!.query)), operationName: 'TreeLevels' }),
    });
    expect(((await response.json()) as { data?: { tree?: unknown } }).data?.tree).toBeDefined();
    expect(await plansBuilt(hub.gateway)).toBe(before);

    // an operation it did not know is planned on its first request, once
    await hub.query('{ greetings { id } }');
    await hub.query('{ greetings { id } }');
    expect(await plansBuilt(hub.gateway)).toBe(before + 1);
  });
});

describe('plan warm-up turned off', () => {
  let hub: FixtureHub;

  beforeAll(async () => {
    hub = await startFixtureHub({
      knownOperations: knownOperationsOf(EXAMPLE_OPERATIONS),
      planWarmup: { enabled: false, timeoutMs: 10_000 },
    });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('plans a known operation on its first request', async () => {
    expect(await plansBuilt(hub.gateway)).toBe(0);
    await hub.query(print(parse(GREETING_BY_ID!.query)), { id: '1' });
    expect(await plansBuilt(hub.gateway)).toBe(1);
  });
});

describe('warmUpRequests and warmQueryPlans', () => {
  it('leave out subscriptions and texts that do not parse, and name the operation of a document with several', () => {
    const requests = warmUpRequests([
      { query: 'subscription Live { greetingAdded { id } }' },
      { query: 'query Broken {' },
      { name: 'B', query: 'query A { greetings { id } }\nquery B { tree { level } }' },
    ]);
    expect(requests.map(({ name }) => name)).toEqual(['B']);
  });

  it('stop when the time is up and say how many were left', async () => {
    const planned: string[] = [];
    const report = await warmQueryPlans(
      knownOperationsOf(EXAMPLE_OPERATIONS),
      async (operation) => {
        planned.push(operation.query);
        return 'PLAN_WARMED';
      },
      { enabled: true, timeoutMs: 0 },
      createLogger('gateway', 'silent'),
    );
    expect(planned).toEqual([]);
    expect(report).toMatchObject({ planned: 0, skipped: 4 });
  });
});

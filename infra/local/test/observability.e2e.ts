import { DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { REQUEST_ID_HEADER } from '@hub/kit';
import { waitFor } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

/** Every line any service of the hub logged, parsed. */
const lines: Array<Record<string, unknown>> = [];
const capture = {
  write(line: string) {
    lines.push(JSON.parse(line) as Record<string, unknown>);
  },
};

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    logLevel: 'info',
    logDestination: capture,
    responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS,
  });
});
afterAll(async () => hub?.stop());

const REGION = /* GraphQL */ `
  query ObservedRegion {
    region(code: "FR10") {
      name
      events(first: 2) {
        totalCount
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ObservedUpdate($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      version
    }
  }
`;

async function post(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; requestId: string | null; json: Record<string, unknown> }> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get(REQUEST_ID_HEADER),
    json: (await response.json()) as Record<string, unknown>,
  };
}

/** The samples of one series in Prometheus's text format: labels (as text) → value. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] === name) found.set(match[2] ?? '', Number(match[3]));
  }
  return found;
}

function sampleWith(text: string, name: string, ...labels: string[]): number | undefined {
  for (const [set, value] of samples(text, name)) {
    if (labels.every((label) => set.includes(label))) return value;
  }
  return undefined;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

const metricsUrl = (graphqlUrl: string) => new URL('/metrics', graphqlUrl).toString();

describe('request ids', () => {
  it('carries a client’s x-request-id to the subgraphs, their access logs and the audit record', async () => {
    const token = await hub.token('cpmr', ['editor']);
    const read = await post({ query: 'query { organisation(id: "cpmr") { version } }' });
    const version = (read.json.data as { organisation: { version: number } }).organisation.version;
    const requestId = `obs-${Date.now()}`;
    const write = await post(
      {
        query: UPDATE,
        variables: { input: { id: 'cpmr', version, description: 'Observed by the request id test.' } },
      },
      { authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: requestId },
    );
    expect(write.json.errors).toBeUndefined();
    expect(write.requestId).toBe(requestId);

    const [audit] = await hub.subgraphs
      .regions!.orm.em.fork()
      .execute<Array<{ request_id: string; entity: string }>>(
        "SELECT request_id, entity FROM hub_audit_log WHERE entity_id = 'cpmr' ORDER BY id DESC LIMIT 1",
      );
    expect(audit).toEqual({ request_id: requestId, entity: 'Organisation' });

    await waitFor(
      () => lines.some((line) => line.service === 'gateway' && line.requestId === requestId),
      'the gateway’s access log line',
    );
    const access = lines.filter((line) => line.msg === 'request' && line.requestId === requestId);
    const gateway = access.find((line) => line.service === 'gateway');
    expect(gateway).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'ObservedUpdate',
      outcome: 'ok',
    });
    expect(gateway!.ms).toBeGreaterThan(0);
    // the subgraph that wrote logged the same id for its part of the request
    expect(access.find((line) => line.service === 'regions')).toMatchObject({
      path: '/graphql',
      status: 200,
    });
    // never a token, a body or a header in any access line
    for (const line of access) {
      expect(JSON.stringify(line)).not.toContain(token);
      expect(JSON.stringify(line)).not.toContain('Observed by the request id test');
    }
  });

  it('makes a new id when the client sent none or one that is not safe to log', async () => {
    for (const sent of [undefined, 'two words', 'x'.repeat(65), 'new\\nline']) {
      const { requestId } = await post(
        { query: '{ __typename }' },
        sent ? { [REQUEST_ID_HEADER]: sent } : {},
      );
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('GET /metrics', () => {
  it('shows the gateway’s request, subgraph fetch, subscription and cache series', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post({ query: REGION })).status).toBe(200);
    const failed = await post({ query: 'query ObservedTypo { regionz { code } }' });
    expect(failed.status).toBe(400);
    // an SSE stream and its subscription are open while the gauges are read
    const stream = new URL(hub.gateway.streamUrl);
    stream.searchParams.set('query', 'subscription ObservedStream { eventChanged(region: "FR") { change } }');
    const controller = new AbortController();
    const open = await fetch(stream, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    expect(open.status).toBe(200);
    let text: string;
    try {
      await waitFor(
        () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged') === 1,
        'the upstream subscription',
      );
      text = await scrape(metricsUrl(hub.url));
    } finally {
      controller.abort();
    }

    const ok = ['operation="ObservedRegion"', 'outcome="ok"', 'service="gateway"'];
    expect(sampleWith(text, 'hub_graphql_requests_total', ...ok)).toBe(3);
    expect(sampleWith(text, 'hub_graphql_request_duration_seconds_count', ...ok)).toBe(3);
    expect(sampleWith(text, 'hub_graphql_request_duration_seconds_sum', ...ok)).toBeGreaterThan(0);
    expect(
      sampleWith(
        text,
        'hub_graphql_requests_total',
        'operation="(none)"',
        'outcome="GRAPHQL_VALIDATION_FAILED"',
      ),
    ).toBe(1);
    // the first one fetched from regions and events; the other two came from the response cache
    expect(
      sampleWith(text, 'hub_subgraph_fetch_duration_seconds_count', 'subgraph="regions"', 'outcome="ok"'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleWith(text, 'hub_subgraph_fetch_duration_seconds_count', 'subgraph="events"', 'outcome="ok"'),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleWith(text, 'hub_response_cache_hits_total')).toBeGreaterThanOrEqual(2);
    expect(sampleWith(text, 'hub_response_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(sampleWith(text, 'hub_response_cache_evictions_total')).toBe(0);
    expect(sampleWith(text, 'hub_sse_streams')).toBe(1);
    expect(sampleWith(text, 'hub_subscriptions_active')).toBe(1);
    expect(sampleWith(text, 'hub_subscription_groups')).toBe(1);
    expect(sampleWith(text, 'hub_websocket_connections')).toBe(0);
    expect(sampleWith(text, 'process_cpu_user_seconds_total', 'service="gateway"')).toBeGreaterThan(0);
  });

  it('shows a subgraph’s request, database pool, event bus and process series', async () => {
    const regions = hub.subgraphs.regions!;
    const delivered: unknown[] = [];
    const unsubscribe = await regions.bus.subscribe('test.observed', (payload) => delivered.push(payload));
    try {
      await regions.bus.publish({ topic: 'test.observed', payload: { n: 1 } });
      await waitFor(() => delivered.length === 1, 'the event');
    } finally {
      unsubscribe();
    }
    // listeners get the payload as published: the timestamp the lag is measured with stays on the bus
    expect(delivered).toEqual([{ n: 1 }]);
    await post({ query: REGION, variables: { fresh: Date.now() } });

    const text = await scrape(metricsUrl(regions.url));
    expect(
      sampleWith(text, 'hub_graphql_requests_total', 'outcome="ok"', 'service="regions"'),
    ).toBeGreaterThan(0);
    expect(
      sampleWith(text, 'hub_graphql_request_duration_seconds_count', 'service="regions"'),
    ).toBeGreaterThan(0);
    expect(samples(text, 'hub_db_pool_connections').size).toBe(3);
    expect(sampleWith(text, 'hub_db_pool_connections', 'state="free"')).toBeGreaterThan(0);
    expect(sampleWith(text, 'hub_db_pool_max')).toBe(10);
    expect(sampleWith(text, 'hub_event_bus_delivery_lag_seconds_count', 'topic="test.observed"')).toBe(1);
    expect(sampleWith(text, 'nodejs_heap_size_used_bytes', 'service="regions"')).toBeGreaterThan(0);
  });

  it('is not a GraphQL path: no CORS headers, nothing in the request series', async () => {
    const total = (text: string) =>
      [...samples(text, 'hub_graphql_requests_total').values()].reduce((sum, value) => sum + value, 0);
    const before = total(await scrape(metricsUrl(hub.url)));
    const response = await fetch(metricsUrl(hub.url), { headers: { origin: 'https://partner.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(total(await response.text())).toBe(before);
  });
});

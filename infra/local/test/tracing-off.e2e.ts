import { randomBytes } from 'node:crypto';
import { RegionActivityDocument } from '@hub/codegen';
import { installTracing, tracingSettingsFromEnv } from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import { trace } from '@opentelemetry/api';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';
import { recordRequestsTo } from './subgraph-requests';

// Tracing as every process has it by default (no OTEL_TRACES_EXPORTER): installTracing registers nothing, and
// the gateway neither records spans nor sends trace headers. tracing.e2e.ts runs with tracing on.
let hub: TestHub;
let subgraphRequests: ReturnType<typeof recordRequestsTo>;

beforeAll(async () => {
  const tracing = await installTracing({ serviceName: 'hub-test', settings: tracingSettingsFromEnv({}) });
  expect(tracing.enabled).toBe(false);
  hub = await startTestHub();
  const origins = Object.values(hub.subgraphs).map((subgraph) => new URL(subgraph.url).origin);
  subgraphRequests = recordRequestsTo(() => origins);
});
afterAll(async () => {
  subgraphRequests?.stop();
  await hub?.stop();
});

describe('with tracing off (the default)', () => {
  it('registers no provider, sends no traceparent to the subgraphs and ignores one a client sends', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await postGraphQL(
      hub.url,
      print(RegionActivityDocument),
      { code: 'FRH0', first: 5 },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({ region: { code: 'FRH0', name: 'Bretagne' } });

    const subgraphs = new Set(subgraphRequests.sent.map((sent) => sent.origin));
    expect(subgraphs.size).toBe(3); // regions, events, forum
    for (const sent of subgraphRequests.sent) {
      expect(sent.headers.has('x-hub-internal-token')).toBe(true); // the recording sees the real headers
      expect(sent.headers.has('traceparent')).toBe(false);
      expect(sent.headers.has('tracestate')).toBe(false);
    }
    // the API's no-op: spans started anywhere record nothing
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });
});

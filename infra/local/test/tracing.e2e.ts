import { randomBytes } from 'node:crypto';
import { RegionActivityDocument } from '@hub/codegen';
import { installTracing, type InstalledTracing } from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';
import { recordRequestsTo } from './subgraph-requests';

// One provider per process: this file's worker installs tracing with an in-memory exporter before the hub
// starts (the SQL spans come from patching pg as the subgraphs' ORMs load it). tracing-off.e2e.ts runs without.
const exporter = new InMemorySpanExporter();
let tracing: InstalledTracing;
let hub: TestHub;
let subgraphRequests: ReturnType<typeof recordRequestsTo>;

beforeAll(async () => {
  tracing = await installTracing({ serviceName: 'hub-test', exporter });
  hub = await startTestHub();
  const origins = Object.values(hub.subgraphs).map((subgraph) => new URL(subgraph.url).origin);
  subgraphRequests = recordRequestsTo(() => origins);
});
afterAll(async () => {
  subgraphRequests?.stop();
  await hub?.stop();
  await tracing?.stop();
});
beforeEach(() => {
  exporter.reset();
  subgraphRequests.sent.length = 0;
});

const GATEWAY = '@hub/gateway';
const SUBGRAPH = '@hub/kit';
const SQL = '@opentelemetry/instrumentation-pg';

const scopeOf = (span: ReadableSpan) => span.instrumentationScope.name;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

/** The gateway's server span of the operation, once it has ended (it ends as the response finishes). */
async function gatewaySpanOf(operationName: string): Promise<ReadableSpan> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await tracing.flush();
    const span = exporter
      .getFinishedSpans()
      .find(
        (candidate) =>
          scopeOf(candidate) === GATEWAY &&
          candidate.kind === SpanKind.SERVER &&
          candidate.attributes['graphql.operation.name'] === operationName,
      );
    if (span) return span;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No server span of ${operationName} was exported`);
}

/** Whether `ancestor` is `span`'s parent, grandparent … within `spans`. */
function descendsFrom(span: ReadableSpan, ancestor: ReadableSpan, spans: ReadableSpan[]): boolean {
  const byId = new Map(spans.map((candidate) => [idOf(candidate), candidate]));
  for (let current = byId.get(parentOf(span) ?? ''); current; current = byId.get(parentOf(current) ?? '')) {
    if (current === ancestor) return true;
  }
  return false;
}

describe('traces through the gateway, the subgraphs and their SQL', () => {
  it('gives one query that spans three subgraphs one trace: request, fetches, subgraph requests, statements', async () => {
    const response = await hub.query(RegionActivityDocument, { code: 'FRH0', first: 5 });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.region?.name).toBe('Bretagne');

    const request = await gatewaySpanOf('RegionActivity');
    expect(request.name).toBe('query RegionActivity');
    expect(request.parentSpanContext).toBeUndefined(); // the client sent no traceparent
    expect(request.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
    });
    const traceId = request.spanContext().traceId;
    // the subgraphs' spans end before the gateway's response does
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);

    // @apollo/gateway's own spans nest in the request span
    const execute = spans.find((span) => span.name === 'gateway.execute');
    expect(execute && descendsFrom(execute, request, spans)).toBe(true);

    const fetches = spans.filter((span) => scopeOf(span) === GATEWAY && span.kind === SpanKind.CLIENT);
    const fetched = new Set(fetches.map((span) => span.attributes['subgraph.name']));
    expect([...fetched].sort()).toEqual(['events', 'forum', 'regions']);
    for (const fetch of fetches) {
      expect(descendsFrom(fetch, request, spans)).toBe(true);
      expect(fetch.attributes['http.response.status_code']).toBe(200);
      expect(fetch.status.code).not.toBe(SpanStatusCode.ERROR);
      expect(fetch.name).toBe(`POST ${fetch.attributes['subgraph.name']}`);
    }

    // each fetch sent its own span as traceparent, and the subgraph's server span is its child
    expect(subgraphRequests.sent).toHaveLength(fetches.length);
    for (const sent of subgraphRequests.sent) {
      const [, sentTraceId, sentSpanId, flags] = sent.headers.get('traceparent')!.split('-');
      expect(sentTraceId).toBe(traceId);
      expect(flags).toBe('01');
      expect(fetches.map(idOf)).toContain(sentSpanId);
    }
    const served = spans.filter((span) => scopeOf(span) === SUBGRAPH && span.kind === SpanKind.SERVER);
    expect(served).toHaveLength(fetches.length);
    for (const fetch of fetches) {
      const subgraphSpan = served.find((span) => parentOf(span) === idOf(fetch));
      expect(subgraphSpan?.attributes['subgraph.name']).toBe(fetch.attributes['subgraph.name']);
      expect(subgraphSpan?.attributes['graphql.operation.type']).toBe('query');
      expect(subgraphSpan?.attributes['http.response.status_code']).toBe(200);
    }

    // every statement a subgraph sent for it is a span in its request span, without the values
    const statements = spans.filter((span) => scopeOf(span) === SQL && span.attributes['db.statement']);
    for (const subgraphSpan of served) {
      const own = statements.filter((span) => descendsFrom(span, subgraphSpan, spans));
      expect(own.length, `SQL spans under ${subgraphSpan.attributes['subgraph.name']}`).toBeGreaterThan(0);
    }
    for (const statement of statements) {
      expect(statement.kind).toBe(SpanKind.CLIENT);
      expect(statement.attributes['db.system']).toBe('postgresql');
      expect(statement.attributes['db.query.text']).toBe(statement.attributes['db.statement']);
      expect(served.some((subgraphSpan) => descendsFrom(statement, subgraphSpan, spans))).toBe(true);
    }
    const regionLookup = statements.filter((span) =>
      /from "?region"?/i.test(String(span.attributes['db.statement'])),
    );
    expect(regionLookup.length).toBeGreaterThan(0);
    // MikroORM inlines parameters into the text pg sends: the region code asked for must not be in the trace
    for (const statement of statements) {
      expect(String(statement.attributes['db.statement'])).not.toContain('FRH0');
      expect(String(statement.attributes['db.query.text'])).not.toContain('FRH0');
    }
  });

  it("continues a client's trace when it sends a traceparent", async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentSpanId = randomBytes(8).toString('hex');
    const response = await postGraphQL(
      hub.url,
      print(RegionActivityDocument),
      { code: 'AT13', first: 1 },
      { traceparent: `00-${traceId}-${parentSpanId}-01` },
    );
    expect(response.body.errors).toBeUndefined();
    const request = await gatewaySpanOf('RegionActivity');
    expect(request.spanContext().traceId).toBe(traceId);
    expect(request.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(request.parentSpanContext?.isRemote).toBe(true);
    expect(subgraphRequests.sent.length).toBeGreaterThanOrEqual(2);
    for (const sent of subgraphRequests.sent) {
      expect(sent.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }
  });

  it('carries the trace on to the peer subgraphs a subgraph asks (forum asks regions before a write)', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await postGraphQL(
      hub.url,
      'mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }',
      {
        input: {
          idempotencyKey: randomBytes(8).toString('hex'),
          title: 'Traced thread',
          body: 'Asks the regions subgraph for its regions and organisation.',
          regions: ['AT13'],
        },
      },
      {
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        authorization: `Bearer ${await hub.token('cpmr', ['contributor'])}`,
      },
    );
    expect(response.body.errors).toBeUndefined();
    const regionsOrigin = new URL(hub.subgraphs.regions!.url).origin;
    const toRegions = subgraphRequests.sent.filter((sent) => sent.origin === regionsOrigin);
    expect(toRegions.length).toBeGreaterThanOrEqual(1); // only the forum asks regions during this write
    for (const sent of subgraphRequests.sent) {
      expect(sent.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }
  });

  it('follows a client that asks for its trace not to be recorded, and still answers', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await postGraphQL(
      hub.url,
      print(RegionActivityDocument),
      { code: 'AT13', first: 1 },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-00` },
    );
    expect(response.body.errors).toBeUndefined();
    await tracing.flush();
    expect(exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId)).toEqual([]);
    // the decision travels on: the subgraphs are told not to record either
    for (const sent of subgraphRequests.sent) {
      expect(sent.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    }
  });

  it('gives reads shared by identical requests in flight one fetch span, and marks the requests that shared it', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => hub.query(RegionActivityDocument, { code: 'FRH0', first: 5 })),
    );
    for (const response of responses) expect(response.body.errors).toBeUndefined();
    await waitFor(() => {
      const ended = exporter
        .getFinishedSpans()
        .filter((span) => scopeOf(span) === GATEWAY && span.kind === SpanKind.SERVER);
      return ended.length === 6 ? ended : undefined;
    });
    const spans = exporter.getFinishedSpans();
    const fetches = spans.filter((span) => scopeOf(span) === GATEWAY && span.kind === SpanKind.CLIENT);
    const sharedFetches = spans.filter((span) =>
      span.events.some((event) => event.name === 'hub.fetch.shared'),
    );
    expect(sharedFetches.length).toBeGreaterThan(0);
    for (const shared of sharedFetches) {
      expect(shared.name).toBe('gateway.fetch');
      expect(spans.some((span) => parentOf(span) === idOf(shared))).toBe(false); // no fetch span of its own
    }
    // one fetch span per request that went to a subgraph, and each request carried its own span's context
    expect(subgraphRequests.sent).toHaveLength(fetches.length);
    expect(
      new Set(subgraphRequests.sent.map((sent) => sent.headers.get('traceparent')?.split('-')[2])),
    ).toEqual(new Set(fetches.map(idOf)));
  });

  it('marks a request whose operation fails', async () => {
    const response = await postGraphQL(
      hub.url,
      'query Broken { region(code: "FRH0") { noSuchField } }',
      undefined,
      {
        'apollo-require-preflight': 'true',
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await tracing.flush();
    const request = await waitFor(() =>
      exporter
        .getFinishedSpans()
        .find((span) => scopeOf(span) === GATEWAY && span.kind === SpanKind.SERVER && span.ended),
    );
    expect(request.status).toEqual({ code: SpanStatusCode.ERROR, message: 'GRAPHQL_VALIDATION_FAILED' });
    expect(request.attributes['http.response.status_code']).toBe(400);
  });
});

async function waitFor<T>(find: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('Not found in time');
}

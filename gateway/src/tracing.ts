import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { hubTracer, traceHttpRequests } from '@hub/kit';
import type { RequestHandler } from 'express';
import { CACHE_STATUS_HEADER } from './response-cache';

/**
 * The gateway's part of a trace (the process's provider comes from kit's `installTracing`):
 *
 * - a SERVER span per `/graphql` request, the child of a client's `traceparent` when it sends one, named after
 *   the GraphQL operation by kit's `graphqlOperationSpans` plugin;
 * - @apollo/gateway's own spans inside it (`gateway.request`, `.validate`, `.plan`, `.execute`, `.fetch`);
 * - a CLIENT span per request sent to a subgraph (`subgraphFetchSpan`), whose context goes to the subgraph
 *   as `traceparent` (`injectTraceContext`): the subgraph's server span and its SQL spans continue the trace.
 *
 * With tracing off, all of it is the OpenTelemetry API's no-ops: no span, no `traceparent` header.
 */
export const GATEWAY_TRACER_SCOPE = '@hub/gateway';

/** The server span of each `/graphql` request; `hub.response_cache` says whether the cache answered. */
export function traceGraphQLRequests(route: string): RequestHandler {
  return traceHttpRequests({
    scope: GATEWAY_TRACER_SCOPE,
    route,
    onFinish(span, _req, res) {
      const cache = res.getHeader(CACHE_STATUS_HEADER);
      if (typeof cache === 'string') span.setAttribute('hub.response_cache', cache);
    },
  });
}

export interface SubgraphFetch {
  subgraph: string;
  url: string;
  /** The operation the query planner sends (e.g. `RegionActivity__events__1`). */
  operationName?: string;
}

/**
 * Runs `send` (one request to a subgraph) in a CLIENT span: `subgraph.name` (as Apollo's router names it),
 * HTTP client attributes, the status code (`recordingResponseStatus`), and ERROR when the fetch fails or the
 * subgraph answers with errors. The in-flight sharing (in-flight.ts) runs `send` once for identical reads: the
 * requests that share it have no fetch span of their own (`noteSharedFetch` marks their `gateway.fetch`).
 */
export async function subgraphFetchSpan<T extends { errors?: ReadonlyArray<unknown> }>(
  fetch: SubgraphFetch,
  send: () => Promise<T>,
): Promise<T> {
  const url = new URL(fetch.url);
  return hubTracer(GATEWAY_TRACER_SCOPE).startActiveSpan(
    `POST ${fetch.subgraph}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'subgraph.name': fetch.subgraph,
        'http.request.method': 'POST',
        'url.full': fetch.url,
        'server.address': url.hostname,
        'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        ...(fetch.operationName ? { 'graphql.operation.name': fetch.operationName } : {}),
      },
    },
    async (span) => {
      try {
        const response = await send();
        if (response.errors?.length) {
          span.setAttribute('graphql.error.count', response.errors.length);
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'the subgraph answered with errors' });
        }
        return response;
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : undefined,
        });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

type Fetcher<R extends { status: number }> = (url: string, init?: never) => Promise<R>;

/** Records the HTTP status of each subgraph answer on the active fetch span (the status the subgraph sent). */
export function recordingResponseStatus<F extends Fetcher<{ status: number }>>(fetcher: F): F {
  return (async (url: string, init?: never) => {
    const response = await fetcher(url, init);
    const span = trace.getActiveSpan();
    span?.setAttribute('http.response.status_code', response.status);
    if (response.status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  }) as F;
}

/** A read answered by an identical fetch already in flight for another request. */
export function noteSharedFetch(subgraph: string): void {
  trace.getActiveSpan()?.addEvent('hub.fetch.shared', { 'subgraph.name': subgraph });
}

/** Adds the active trace context (`traceparent`) to a subgraph request's headers (the kit's). */
export { injectTraceContext } from '@hub/kit';

import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { TracingSettings } from './config';

/**
 * Traces with OpenTelemetry: the gateway's request spans, its fetches to the subgraphs, each subgraph's
 * request spans and their SQL statements share one trace through W3C `traceparent` headers.
 *
 * Everything here speaks only to the OpenTelemetry API, which is a no-op until `installTracing` registers the
 * SDK: a process that does not trace (the default) pays for no-op calls, nothing more, and never loads the SDK.
 */

/** One installed exporter; `stop()` flushes what it still holds and detaches it. */
export interface InstalledTracing {
  /** Whether spans are exported (false for `OTEL_TRACES_EXPORTER=none`). */
  enabled: boolean;
  /** `service.name` of the process's spans (the first installation in a process names it). */
  serviceName?: string;
  /** Exports the spans ended so far (tests call it before looking at an in-memory exporter). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export interface InstallTracingOptions {
  /** `service.name` unless the settings name one (`OTEL_SERVICE_NAME`): `gateway`, `regions`, `hub` … */
  serviceName: string;
  /** From `tracingSettingsFromEnv()`: exporter, endpoint, sampler. */
  settings?: TracingSettings;
  /** Exports to this exporter, span by span (tests: an `InMemorySpanExporter`), besides the settings' one. */
  exporter?: SpanExporter;
}

const NOT_TRACING: InstalledTracing = { enabled: false, flush: async () => {}, stop: async () => {} };

/**
 * Installs tracing for this process: one OpenTelemetry provider per process (the hub runs the gateway and
 * every subgraph in one process locally and in tests), with the AsyncLocalStorage context manager, the W3C
 * trace-context propagator and the `pg` instrumentation, then attaches the exporter. Safe to call again: later
 * calls attach their exporter to the same provider (the first call's service name and sampler stay). With
 * neither an exporter nor `settings.exporter` other than `none`, nothing is loaded or registered.
 *
 * Call it before the subgraphs start: the SQL spans come from patching `pg` when knex loads it for an ORM.
 */
export async function installTracing(options: InstallTracingOptions): Promise<InstalledTracing> {
  const settings = options.settings;
  const exporters = [
    ...(options.exporter ? [options.exporter] : []),
    ...(settings && settings.exporter !== 'none' ? [settings] : []),
  ];
  if (exporters.length === 0) return NOT_TRACING;
  const sdk = await import('./tracing-sdk.js');
  const serviceName = settings?.serviceName ?? options.serviceName;
  const sampling = {
    sampler: settings?.sampler ?? 'parentbased_always_on',
    samplerRatio: settings?.samplerRatio ?? 1,
  };
  const attached = exporters.map((exporter) => sdk.attachExporter(serviceName, sampling, exporter));
  return {
    enabled: true,
    serviceName: attached[0]!.serviceName,
    flush: async () => {
      await Promise.all(attached.map((exporter) => exporter.flush()));
    },
    stop: async () => {
      await Promise.all(attached.map((exporter) => exporter.detach()));
    },
  };
}

/** Spans of a service's own code are named after it (instrumentation scope): `@hub/gateway`, `@hub/kit`. */
export function hubTracer(scope: string) {
  // asked of the API each time: cheap, and never a stale provider
  return trace.getTracer(scope);
}

/** The server spans `traceHttpRequests` started (what `graphqlOperationSpans` may name and annotate). */
const serverSpans = new WeakSet<Span>();

const headerGetter = {
  get: (carrier: IncomingHttpHeaders, key: string) => carrier[key],
  keys: (carrier: IncomingHttpHeaders) => Object.keys(carrier),
};

export interface HttpRequestSpanOptions {
  /** Instrumentation scope of the spans. */
  scope: string;
  /** The route the middleware serves (`/graphql`): in the name until the GraphQL operation is known. */
  route: string;
  /** Attributes every span gets (e.g. `subgraph.name`). */
  attributes?: Attributes;
  /** Attributes known once the response is sent (e.g. whether a cache answered). */
  onFinish?: (span: Span, req: Request, res: Response) => void;
}

/**
 * Express middleware: a SERVER span per request, the child of the caller's `traceparent` when it sends one
 * (the gateway's fetch span for a subgraph; a client's own trace for the gateway), active for everything that
 * handles the request. `req` and `res` are bound to it, so body parsing and its callbacks run inside it too.
 * HTTP attributes follow OpenTelemetry's semantic conventions.
 */
export function traceHttpRequests(options: HttpRequestSpanOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers, headerGetter);
    const span = hubTracer(options.scope).startSpan(
      `${req.method} ${options.route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'http.route': options.route,
          'url.path': req.originalUrl.split('?')[0],
          'url.scheme': req.protocol,
          ...(req.headers['user-agent'] ? { 'user_agent.original': req.headers['user-agent'] } : {}),
          ...options.attributes,
        },
      },
      parent,
    );
    if (span.isRecording()) {
      serverSpans.add(span);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        if (!res.writableFinished) span.setAttribute('hub.request.aborted', true);
        options.onFinish?.(span, req, res);
        span.end();
      };
      res.once('finish', end);
      res.once('close', end);
    }
    // Also when not sampled: the context carries the decision on to the subgraphs. (No-ops when tracing is off.)
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, next);
  };
}

/**
 * Apollo Server plugin: names the request's server span after its GraphQL operation (`query RegionActivity`,
 * as the GraphQL semantic conventions name spans) with `graphql.operation.type` and `.name`, and marks the span
 * as an error when the response carries errors (their codes in the status message).
 */
export function graphqlOperationSpans<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span || !serverSpans.has(span)) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
        },
        async didEncounterErrors({ errors }) {
          const codes = [
            ...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))),
          ];
          span.setAttribute('graphql.error.count', errors.length);
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        },
      };
    },
  };
}

/**
 * Adds the active trace context (`traceparent`, `tracestate`) to the headers of a request to another service
 * (the gateway's subgraph fetches, a subgraph's peer queries); nothing when tracing is off.
 */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}

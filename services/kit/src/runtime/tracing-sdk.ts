import {
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Link,
  type SpanKind,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SamplingDecision,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { statementWithoutValues } from '../data/statement-text';
import type { TracingSettings } from './config';

// The OpenTelemetry SDK part of tracing.ts: loaded only when tracing is installed, so a process that does not
// trace never loads it (≈ 250 ms of start-up and a few MB).

/** Hands every span to the processors attached now: exporters come and go, the provider stays. */
class AttachedProcessors implements SpanProcessor {
  readonly processors = new Set<SpanProcessor>();

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this.processors) processor.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    for (const processor of this.processors) processor.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.processors].map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    const processors = [...this.processors];
    this.processors.clear();
    await Promise.all(processors.map((processor) => processor.shutdown()));
  }
}

/** Records nothing while no exporter is attached (so a process whose exporters all stopped traces for free). */
class WhileAttachedSampler implements Sampler {
  constructor(
    private readonly sampler: Sampler,
    private readonly attached: AttachedProcessors,
  ) {}

  shouldSample(
    parentContext: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (this.attached.processors.size === 0) return { decision: SamplingDecision.NOT_RECORD };
    return this.sampler.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `WhileAttached{${this.sampler.toString()}}`;
  }
}

function samplerOf(settings: Pick<TracingSettings, 'sampler' | 'samplerRatio'>): Sampler {
  const ratio = new TraceIdRatioBasedSampler(settings.samplerRatio);
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * The spans of each SQL statement `pg` sends while a span is active (so never for migrations, seeds or the
 * event bus's LISTEN connection). MikroORM inlines its parameters into the text, so the text is stripped of
 * values before it is kept (`statementWithoutValues`); `db.statement`/`db.system` are the older names of
 * `db.query.text`/`db.system.name`, which many backends still read.
 */
function sqlInstrumentation(provider: BasicTracerProvider): PgInstrumentation {
  const instrumentation = new PgInstrumentation({
    requireParentSpan: true,
    enhancedDatabaseReporting: false, // would record the bound values
    requestHook(span, { query }) {
      const text = statementWithoutValues(query.text);
      span.setAttribute('db.query.text', text);
      span.setAttribute('db.statement', text);
      span.setAttribute('db.system', 'postgresql');
    },
  });
  instrumentation.setTracerProvider(provider);
  return instrumentation;
}

/** The one provider of the process; kept on `globalThis` so that two copies of the kit share it. */
interface ProcessTracing {
  provider: BasicTracerProvider;
  attached: AttachedProcessors;
  serviceName: string;
  instrumentation: PgInstrumentation;
}

const PROCESS_TRACING = Symbol.for('@hub/kit/tracing');
type WithProcessTracing = typeof globalThis & { [PROCESS_TRACING]?: ProcessTracing };

/**
 * Registers the provider, the AsyncLocalStorage context manager, the W3C `traceparent` propagator and the SQL
 * instrumentation with the OpenTelemetry API, once per process; later calls return the same. They stay
 * registered for the life of the process: tracers obtained from the API (@apollo/gateway keeps one in a module
 * variable) cache the provider they first saw, so unregistering and registering again would strand them.
 */
function processTracing(serviceName: string, settings: Pick<TracingSettings, 'sampler' | 'samplerRatio'>) {
  const global = globalThis as WithProcessTracing;
  const existing = global[PROCESS_TRACING];
  if (existing) return existing;
  const attached = new AttachedProcessors();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    sampler: new WhileAttachedSampler(samplerOf(settings), attached),
    spanProcessors: [attached],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (
    !trace.setGlobalTracerProvider(provider) ||
    !context.setGlobalContextManager(contextManager) ||
    !propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  ) {
    contextManager.disable();
    throw new Error(
      'Another OpenTelemetry tracer provider is registered in this process; the hub registers its own.',
    );
  }
  const tracing: ProcessTracing = {
    provider,
    attached,
    serviceName,
    instrumentation: sqlInstrumentation(provider),
  };
  global[PROCESS_TRACING] = tracing;
  return tracing;
}

/** A processor for the exporter the settings name (batched for OTLP), or for the given exporter (at once). */
function processorFor(exporter: SpanExporter | TracingSettings): SpanProcessor {
  if (!('exporter' in exporter)) return new SimpleSpanProcessor(exporter);
  if (exporter.exporter === 'console') return new SimpleSpanProcessor(new ConsoleSpanExporter());
  return new BatchSpanProcessor(
    new OTLPTraceExporter(exporter.otlpTracesUrl ? { url: exporter.otlpTracesUrl } : {}),
  );
}

/** Attaches an exporter to the process's provider (registering it first if needed). */
export function attachExporter(
  serviceName: string,
  settings: Pick<TracingSettings, 'sampler' | 'samplerRatio'>,
  exporter: SpanExporter | TracingSettings,
): { serviceName: string; flush(): Promise<void>; detach(): Promise<void> } {
  const tracing = processTracing(serviceName, settings);
  const processor = processorFor(exporter);
  tracing.attached.processors.add(processor);
  let detached: Promise<void> | undefined;
  return {
    serviceName: tracing.serviceName,
    flush: () => processor.forceFlush(),
    detach() {
      detached ??= (async () => {
        await processor.forceFlush();
        tracing.attached.processors.delete(processor);
        await processor.shutdown();
      })();
      return detached;
    },
  };
}

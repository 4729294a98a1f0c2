import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracingSettingsFromEnv } from '../src/runtime/config';
import { hubTracer, installTracing } from '../src/runtime/tracing';

describe('tracing settings from the environment', () => {
  it('are off by default, parent-based and always on once on', () => {
    expect(tracingSettingsFromEnv({})).toEqual({
      exporter: 'none',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
    expect(
      tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' }).exporter,
    ).toBe('none');
  });

  it('send OTLP to <endpoint>/v1/traces, or to the traces endpoint when given', () => {
    const env = { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' };
    expect(tracingSettingsFromEnv(env).otlpTracesUrl).toBe('http://collector:4318/v1/traces');
    expect(
      tracingSettingsFromEnv({ ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/in' }),
    ).toMatchObject({ exporter: 'otlp', otlpTracesUrl: 'https://traces.example/in' });
    expect(
      tracingSettingsFromEnv({
        OTEL_SERVICE_NAME: 'regions-eu',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toMatchObject({ serviceName: 'regions-eu', sampler: 'parentbased_traceidratio', samplerRatio: 0.25 });
  });

  it('name every bad variable at once', () => {
    expect(() =>
      tracingSettingsFromEnv({
        OTEL_TRACES_EXPORTER: 'jaeger',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_TRACES_SAMPLER_ARG: '2',
      }),
    ).toThrow(/OTEL_TRACES_EXPORTER[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT[\s\S]*OTEL_TRACES_SAMPLER_ARG/);
  });
});

describe('installTracing', () => {
  let collector: Server;
  let endpoint: string;
  const received: Array<{ path: string; contentType: string; body: string }> = [];

  beforeAll(async () => {
    // an OTLP/HTTP receiver, as a collector would be
    collector = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('registers nothing without an exporter', async () => {
    const tracing = await installTracing({ serviceName: 'kit-test', settings: tracingSettingsFromEnv({}) });
    expect(tracing.enabled).toBe(false);
    expect(hubTracer('test').startSpan('unseen').isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    expect(headers).toEqual({});
  });

  it('exports over OTLP/HTTP, shares one provider with later exporters, and records nothing once all stopped', async () => {
    const otlp = await installTracing({
      serviceName: 'kit-test',
      settings: tracingSettingsFromEnv({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      }),
    });
    expect(otlp).toMatchObject({ enabled: true, serviceName: 'kit-test' });
    hubTracer('test').startActiveSpan('first', (span) => {
      const headers: Record<string, string> = {};
      propagation.inject(context.active(), headers);
      expect(headers.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      span.end();
    });
    await otlp.flush();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/v1/traces' });
    expect(received[0]!.body).toContain('first');
    expect(received[0]!.body).toContain('kit-test');

    // a second installation in the same process: same provider (and service name), one more exporter
    const memory = new InMemorySpanExporter();
    const inMemory = await installTracing({ serviceName: 'other-name', exporter: memory });
    expect(inMemory.serviceName).toBe('kit-test');
    hubTracer('test').startSpan('second').end();
    await Promise.all([otlp.flush(), inMemory.flush()]);
    expect(memory.getFinishedSpans().map((span) => span.name)).toEqual(['second']);
    expect(received.map((request) => request.body).join()).toContain('second');

    await otlp.stop();
    hubTracer('test').startSpan('third').end();
    await inMemory.flush();
    expect(memory.getFinishedSpans().map((span) => span.name)).toEqual(['second', 'third']);
    expect(received.map((request) => request.body).join()).not.toContain('third');

    await inMemory.stop();
    const unrecorded = hubTracer('test').startSpan('fourth');
    expect(unrecorded.isRecording()).toBe(false);
    unrecorded.end();
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});

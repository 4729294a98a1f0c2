import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/runtime/logger';
import {
  boundedLabels,
  createMetricsRegistry,
  createRequestMetrics,
  metricsHandler,
  METRICS_PATH,
} from '../src/runtime/metrics';
import { acceptedRequestId } from '../src/runtime/request-log';

describe('error lines', () => {
  it('logs a PostgreSQL connection error by type, message and code, never the client it carries', async () => {
    const serverUrl = inject('databaseServerUrl');
    const pool = new Pool({ connectionString: serverUrl, max: 1 });
    const lines: string[] = [];
    const logger = createLogger('error-lines-test', 'info', { write: (line: string) => lines.push(line) });
    const failure = new Promise<Error & { client?: unknown }>((resolve) => pool.once('error', resolve));
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // what a database shutting down does to an idle pooled connection
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await admin.end();
      const error = await failure;
      expect(error.client).toBeDefined(); // pg-pool hangs the whole client on the error
      logger.warn({ err: error }, 'event bus publisher connection error');
    } finally {
      await pool.end();
    }
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { err: unknown };
    expect(line.err).toEqual({
      type: 'DatabaseError',
      message: 'terminating connection due to administrator command',
      code: '57P01',
    });
    expect(lines[0]).not.toContain('_connectionCallback');
    expect(lines[0]!.length).toBeLessThan(400);
  });

  it('keeps a short stack for errors without a code, and the cause', () => {
    const lines: string[] = [];
    const logger = createLogger('error-lines-test', 'info', { write: (line: string) => lines.push(line) });
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', socket: { huge: 'x' } });
    logger.error({ err: new Error('could not load', { cause }) }, 'failed');
    const { err } = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(err).toMatchObject({
      message: 'could not load',
      cause: { message: 'socket hang up', code: 'ECONNRESET' },
    });
    expect(String(err.stack).split('\n').length).toBeLessThanOrEqual(9);
    expect(lines[0]).not.toContain('huge');
  });
});

describe('request ids', () => {
  it('accepts short ids of safe characters only', () => {
    expect(acceptedRequestId('3f1c2a9e-7b1d-4c55-9a0e-2d1e5b7c9f00')).toBe(
      '3f1c2a9e-7b1d-4c55-9a0e-2d1e5b7c9f00',
    );
    expect(acceptedRequestId('edge:1.2_x')).toBe('edge:1.2_x');
    for (const bad of [undefined, '', 'a b', 'x'.repeat(65), 'a\nb', '<script>', ['a', 'b']]) {
      expect(acceptedRequestId(bad)).toBeUndefined();
    }
  });
});

describe('metrics', () => {
  it('bounds the operation names clients can add to the series', async () => {
    const registry = createMetricsRegistry('bounded-test', { processMetrics: false });
    const metrics = createRequestMetrics(registry);
    for (let i = 0; i < 205; i += 1) metrics.observe(`Op${i}`, 'ok', 0.01);
    metrics.observe('not a name!', 'weird code', 0.01);
    const text = await registry.metrics();
    expect(text).toContain(
      'hub_graphql_requests_total{operation="Op199",outcome="ok",service="bounded-test"} 1',
    );
    expect(text).toContain(
      'hub_graphql_requests_total{operation="(other)",outcome="ok",service="bounded-test"} 5',
    );
    expect(text).toContain('operation="(invalid)",outcome="ERROR"');
    expect(text).not.toContain('Op200');
    const label = boundedLabels(1);
    expect([label('a'), label('b'), label('a')]).toEqual(['a', '(other)', 'a']);
  });

  describe('GET /metrics with a token', () => {
    let url: string;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const registry = createMetricsRegistry('token-test');
      const app = express();
      app.get(METRICS_PATH, metricsHandler(registry, 'metrics-token-of-the-test'));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${METRICS_PATH}`;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterAll(() => close());

    it('answers only the bearer of the token', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token', 'metrics-token-of-the-test']) {
        const response = await fetch(url, { headers: authorization ? { authorization } : {} });
        expect(response.status).toBe(401);
        expect(await response.text()).not.toContain('process_');
      }
      const response = await fetch(url, { headers: { authorization: 'Bearer metrics-token-of-the-test' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toMatch(/^process_cpu_user_seconds_total\{service="token-test"\} /m);
    });
  });
});

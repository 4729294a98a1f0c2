import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LISTENER_APPLICATION_NAME } from '@hub/kit';
import { waitFor } from '@hub/kit/testing';
import { Client } from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startHub } from '../src/hub';
import { TEST_SECRETS } from './harness';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-shutdown-'));
chmodSync(dataDir, 0o755); // the embedded server's user (as root: postgres) keeps its files in here
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Each line the hub's services logged, as text and parsed. */
const lines: Array<{ text: string; line: Record<string, unknown> }> = [];
const capture = {
  write(text: string) {
    lines.push({ text, line: JSON.parse(text) as Record<string, unknown> });
  },
};

const at = (service: string, msg: string) =>
  lines.findIndex(({ line }) => line.service === service && line.msg === msg);

it('stops in order — buses, then database pools, then the embedded PostgreSQL — and logs errors short', async () => {
  const hub = await startHub({ dataDir, secrets: TEST_SECRETS, logLevel: 'debug', logDestination: capture });
  let stopped = false;
  try {
    const server = new Client({ connectionString: hub.databaseServerUrl });
    await server.connect();
    const listenerPids = async () =>
      (
        await server.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = 'hub_regions'`,
          [LISTENER_APPLICATION_NAME],
        )
      ).rows.map(({ pid }) => pid);
    try {
      const [before] = await listenerPids();
      expect(before).toBeDefined();
      // the database dropping the bus's connection (a restart, a failover) is logged by message and code
      await server.query('SELECT pg_terminate_backend($1)', [before]);
      await waitFor(
        () => lines.some(({ line }) => line.msg === 'event bus listener connection lost; reconnecting'),
        'the lost connection to be logged',
      );
      for (let tries = 0; ; tries += 1) {
        const [after] = await listenerPids();
        if (after !== undefined && after !== before) break;
        if (tries > 100) throw new Error('the bus did not reconnect');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await server.end();
    }
    const lost = lines.find(({ line }) => line.msg === 'event bus listener connection lost; reconnecting')!;
    expect(lost.line.err).toEqual({
      type: 'DatabaseError',
      message: 'terminating connection due to administrator command',
      code: '57P01',
    });

    const stopFrom = lines.length;
    await hub.stop();
    stopped = true;
    const duringStop = lines.slice(stopFrom);
    for (const { text, line } of lines) {
      expect(text).not.toContain('_connectionCallback');
      expect(text).not.toMatch(/"client":\{/);
      expect(text.length, String(line.msg)).toBeLessThan(2_000);
    }
    // an orderly stop has nothing to warn about
    expect(duringStop.filter(({ line }) => line.level !== 'info' && line.level !== 'debug')).toEqual([]);
    const postgresStopped = at('hub', 'embedded PostgreSQL stopped');
    expect(postgresStopped).toBeGreaterThan(stopFrom);
    for (const name of Object.keys(hub.subgraphs)) {
      const busClosed = at(name, 'event bus closed');
      const poolClosed = at(name, 'database connections closed');
      expect({ name, busClosed: busClosed > stopFrom }).toEqual({ name, busClosed: true });
      expect({ name, busFirst: busClosed < poolClosed }).toEqual({ name, busFirst: true });
      expect({ name, databaseLast: poolClosed < postgresStopped }).toEqual({ name, databaseLast: true });
    }
    expect(at('gateway', 'gateway stopped')).toBeLessThan(at('regions', 'event bus closed'));
  } finally {
    if (!stopped) await hub.stop();
  }
});

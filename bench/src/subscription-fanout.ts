import 'reflect-metadata';
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CreateEventDocument } from '@hub/codegen';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, startHub } from '@hub/local';
import { issueClientToken, subscriptionStats } from '@hub/gateway';
import { print } from 'graphql';

/**
 * Benchmark (prints figures): subscription fan-out through the gateway. N anonymous graphql-ws clients (another
 * process) subscribe to `eventChanged` with the same document, so the gateway serves them all from one
 * subscription group (one upstream subscription on the events subgraph, one plan execution per event, fanned
 * out); one mutation creates an event; prints the groups and upstream subscriptions, how long until every
 * client had the event (p50/p99/max from the moment the mutation was sent), messages lost, and the hub
 * process's RSS (gateway and subgraphs run in that one process here; PostgreSQL is its own process). One
 * mutation before the rounds warms the process up (`--cold`: none). Uses DATABASE_URL when set, else the
 * embedded PostgreSQL in .data/.
 *   node bench/dist/subscription-fanout.js [--clients 1000,10000] [--cold]
 */
const SUBSCRIPTION = 'subscription { eventChanged(region: "BE") { change event { id title startsAt } } }';
const TOPIC = 'events.eventChanged';

function clientCounts(): number[] {
  const index = process.argv.indexOf('--clients');
  const text = index >= 0 ? process.argv[index + 1]! : '1000,10000';
  const counts = text.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--clients takes numbers, e.g. 1000,10000');
  return counts;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const hub = await startHub({ databaseServerUrl: process.env.DATABASE_URL, logLevel: 'warn' });
  const events = hub.subgraphs.events!;
  try {
    const token = await issueClientToken({
      secret: hub.secrets.jwtSecret,
      issuer: LOCAL_TOKEN_ISSUER,
      audience: LOCAL_TOKEN_AUDIENCE,
      subject: 'bench',
      name: 'Fan-out benchmark',
      organisationId: 'cor',
      roles: ['contributor'],
      ttlSeconds: 3600,
    });
    /** One published event in region BE: what every subscriber of SUBSCRIPTION receives. */
    const createEvent = async (title: string) => {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: print(CreateEventDocument),
          variables: {
            input: {
              idempotencyKey: randomUUID(),
              title,
              summary: 'Created by bench/subscription-fanout.',
              kind: 'WEBINAR',
              startsAt: '2031-01-01T10:00:00.000Z',
              endsAt: '2031-01-01T11:00:00.000Z',
              timeZone: 'Europe/Brussels',
              format: 'ONLINE',
              onlineUrl: 'https://example.org/bench',
              hostRegions: ['BE10'],
              organisers: ['cor'],
              publish: true,
            },
          },
        }),
      });
      const written = (await response.json()) as { errors?: unknown[] };
      if (written.errors) throw new Error(`mutation failed: ${JSON.stringify(written.errors)}`);
    };
    console.log(`\nsubscription fan-out through the gateway (node ${process.version})`);
    if (!process.argv.includes('--cold')) {
      // the process's first write pays for JIT, pools and plans: not what a fan-out round should measure
      await createEvent('Fan-out benchmark warm-up');
      console.log('(warmed up with one mutation before the rounds; --cold skips that)');
    }
    for (const count of clientCounts()) {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const child = fork(path.join(__dirname, 'fanout-clients.js'), [hub.url, String(count), SUBSCRIPTION], {
        stdio: 'inherit',
      });
      // attached now: a small run's child may exit before the report below is printed
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const messages: Array<Record<string, unknown>> = [];
      child.on('message', (message) => messages.push(message as Record<string, unknown>));
      const waitFor = async (done: () => boolean, what: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!done()) {
          if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const started = Date.now();
      await waitFor(() => messages.some((m) => m.type === 'connected'), 'clients connecting', 300_000);
      const connected = messages.find((m) => m.type === 'connected') as {
        acknowledged: number;
        errors: number;
      };
      // Every client subscription the gateway serves (grouped upstream); a shortfall is reported, not hidden.
      const stats = () => subscriptionStats(hub.gateway.httpServer);
      await waitFor(
        () => stats().members >= count && events.bus.activeListeners(TOPIC) >= 1,
        'client subscriptions',
        120_000,
      ).catch(() => undefined);
      const { members: subscribed, groups } = stats();
      const upstream = events.bus.activeListeners(TOPIC);
      const setupSeconds = (Date.now() - started) / 1000;
      let rssPeak = process.memoryUsage().rss;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);

      const executionsBefore = stats().executions;
      const cpuBefore = process.cpuUsage();
      const sentAt = performance.timeOrigin + performance.now();
      await createEvent(`Fan-out benchmark ${count}`);
      child.send({ type: 'collect', timeoutMs: 120_000 });
      await waitFor(() => messages.some((m) => m.type === 'arrivals'), 'deliveries', 180_000);
      clearInterval(sampler);
      const report = messages.find((m) => m.type === 'arrivals') as { arrivals: number[]; errors: number };
      const executions = stats().executions - executionsBefore;
      const cpu = process.cpuUsage(cpuBefore);
      const latencies = report.arrivals.map((at) => at - sentAt).sort((a, b) => a - b);
      console.log(
        `${count} clients: ${connected.acknowledged} connected (${connected.errors} refused), ${subscribed} subscribed in ${groups} group(s), ${upstream} upstream subscription(s) on the events subgraph, after ${setupSeconds.toFixed(1)} s; one mutation → ${executions} plan execution(s), received by ${latencies.length}, lost ${count - latencies.length}, client errors ${report.errors}; ` +
          `latency min ${(latencies[0] ?? NaN).toFixed(0)} ms, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms; ` +
          `hub process RSS ${mb(rssBefore)} before, ${mb(rssPeak)} peak; hub CPU from the mutation to the last delivery ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; load average ${os.loadavg()[0]!.toFixed(1)}`,
      );
      await exited;
      await waitFor(
        () => events.bus.activeListeners(TOPIC) === 0,
        'teardown of upstream subscriptions',
        120_000,
      );
    }
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@hub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

/**
 * One field of `regions` and one of `events`: two subgraphs, each reading its own database. `event` is
 * nullable, so an error there leaves `regions` in place (a failing non-null root field would null `data`).
 */
const TWO_SUBGRAPHS = /* GraphQL */ `
  query TwoSubgraphs($event: ID!) {
    regions(first: 2) {
      edges {
        node {
          code
        }
      }
    }
    event(id: $event) {
      id
      title
    }
  }
`;

interface TwoSubgraphs {
  regions: { edges: Array<{ node: { code: string } }> } | null;
  event: { id: string; title: string } | null;
}

/** The first event the graph lists (seeded). */
async function anEvent(hub: TestHub): Promise<{ id: string; title: string }> {
  const { body } = await hub.query<
    { events: { edges: Array<{ node: { id: string; title: string } }> } },
    Record<string, never>
  >('{ events(first: 1, filter: { upcoming: false }) { edges { node { id title } } } }');
  expect(body.errors).toBeUndefined();
  return body.data!.events.edges[0]!.node;
}

/** Polls `probe` every 100 ms until it returns true; the time it took, or a failure after `timeoutMs`. */
async function within(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readiness(hub: TestHub): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/health/ready', hub.url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('one subgraph stops', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('keeps the gateway ready and the other subgraphs answering, and recovers', async () => {
    const event = await anEvent(hub);
    const ask = () => hub.query<TwoSubgraphs, { event: string }>(TWO_SUBGRAPHS, { event: event.id });
    const before = await ask();
    expect(before.body.errors).toBeUndefined();
    const regions = before.body.data!.regions!.edges.map(({ node }) => node.code);
    expect(regions).toHaveLength(2);
    expect(before.body.data!.event).toEqual(event);

    const stopped = await hub.stopSubgraph('events');
    const ready = await readiness(hub);
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body.failed)).toContain('"events"');

    const during = await ask();
    expect(during.status).toBe(200);
    // the regions subgraph still answers in full; the events part is an error
    expect(during.body.data?.regions?.edges.map(({ node }) => node.code)).toEqual(regions);
    expect(during.body.data?.event).toBeNull();
    const errors = during.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    // the error names the service that did not answer, and nothing of its cause (address, system error)
    expect(errors).toEqual([
      expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'events' } }),
    ]);
    expect(errors[0]!.message).toContain('"events"');
    expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost/);
    await stopped.restart();
    await within('the events subgraph answers through the gateway again', 5_000, async () => {
      const after = await ask();
      return after.body.errors === undefined && after.body.data?.event?.title === event.title;
    });
    expect((await readiness(hub)).body.status).toBe('ok');
  });
});

describe('PostgreSQL restarts', () => {
  // a server of this test's own, never the machine's: stopping it touches no other test
  let folder: string;
  let postgres: EmbeddedPostgresHandle;
  let hub: TestHub;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'hub-faults-'));
    postgres = await startEmbeddedPostgres({ dataDir: folder, persistent: true, warn: () => undefined });
    hub = await startTestHub({ databaseServerUrl: postgres.url });
  });
  afterAll(async () => {
    await hub?.stop();
    await postgres?.stop();
    for (const dir of new Set([folder, postgres?.dataDir]))
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves again within 5 s of PostgreSQL being back', async () => {
    const event = await anEvent(hub);
    const answers = async () => {
      const { body } = await hub.query<TwoSubgraphs, { event: string }>(TWO_SUBGRAPHS, { event: event.id });
      return (
        body.errors === undefined &&
        (body.data?.regions?.edges.length ?? 0) > 0 &&
        body.data?.event?.id === event.id
      );
    };
    expect(await answers()).toBe(true);

    await postgres.stop();
    // down: the gateway answers with errors (it does not hang or crash)
    expect(await answers()).toBe(false);

    postgres = await startEmbeddedPostgres({
      dataDir: folder,
      persistent: true,
      port: postgres.port,
      warn: () => undefined,
    });
    const took = await within('a query through the gateway succeeds', 5_000, answers);
    console.log(`faults: served again ${Math.round(took)} ms after PostgreSQL was back`);
    expect(took).toBeLessThan(5_000);
  });
});

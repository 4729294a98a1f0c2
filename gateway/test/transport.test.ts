import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';

describe('the transport to subgraphs', () => {
  let hub: FixtureHub;
  let connections = 0;

  beforeAll(async () => {
    hub = await startFixtureHub({ subgraphTransport: { requestTimeoutMs: 80 } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('keeps connections alive between requests: 20 queries, one connection per subgraph', async () => {
    connections = hub.subgraphs.greetings.tcpConnections;
    for (let i = 0; i < 20; i += 1) {
      const response = await hub.query('{ greeting(id: "1") { id text likes } }');
      expect(response.body.data).toEqual({ greeting: { id: '1', text: 'Hello, regions', likes: 10 } });
    }
    expect(hub.subgraphs.greetings.tcpConnections - connections).toBeLessThanOrEqual(1);
  });

  it('gives up on a subgraph slower than the timeout, with a clean error', async () => {
    const started = performance.now();
    const response = await hub.query('{ slowGreeting { id } }'); // answers after 150 ms; the timeout is 80 ms
    const elapsed = performance.now() - started;
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(response.text).not.toMatch(/127\.0\.0\.1|timeout|stack/i);
    expect(elapsed).toBeLessThan(140); // not a speed assertion: below the subgraph's own 150 ms delay
    // and the gateway goes on answering
    const next = await hub.query('{ greeting(id: "2") { text } }');
    expect(next.body.data).toEqual({ greeting: { text: 'Bonjour, villes' } });
  });
});

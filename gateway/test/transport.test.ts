import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphTransport, dataOnlyAnswerText, DEFAULT_SUBGRAPH_TRANSPORT } from '../src/transport';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';

describe('the transport to subgraphs', () => {
  let hub: FixtureHub;
  let connections = 0;

  beforeAll(async () => {
    // long enough for any answer on a loaded machine, far shorter than the slow field below
    hub = await startFixtureHub({ subgraphTransport: { requestTimeoutMs: 1_500 } });
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
    // the subgraph would answer after 10 s; the timeout is 1.5 s
    const response = await hub.query('{ slowGreeting(delayMs: 10000) { id } }');
    const elapsed = performance.now() - started;
    expect(response.body.data).toBeNull();
    // named (no answer within the timeout), but neither the address nor the cause reaches the client
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'greetings',
    });
    expect(response.text).not.toMatch(/127\.0\.0\.1|timeout|stack/i);
    expect(elapsed).toBeLessThan(9_000); // not a speed assertion: well below the subgraph's own 10 s
    // and the gateway goes on answering
    const next = await hub.query('{ greeting(id: "2") { text } }');
    expect(next.body.data).toEqual({ greeting: { text: 'Bonjour, villes' } });
  });
});

describe("a subgraph answer's text", () => {
  let server: Server;
  let url: string;
  const transport = createSubgraphTransport(DEFAULT_SUBGRAPH_TRANSPORT);

  beforeAll(async () => {
    // answers with the request's body: each case below sends the answer it wants back
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is kept for the single-fetch lane only when the answer is `{"data":{…}}` alone', async () => {
    const answers = [
      '{"data":{"regions":[{"code":"FRH0"}]}}\n',
      '{"data":{"kind":"FILM"}}',
      '{"errors":[{"message":"no"}],"data":{"kind":null}}\n',
      '{"data":{"kind":"FILM"},"extensions":{"sqlStatements":2}}\n',
      '{"data":null}\n',
      '{ "data": { "kind": "FILM" } }\n',
    ];
    const kept = [];
    for (const answer of answers) {
      const response = await transport.fetcher(url, { method: 'POST', body: answer });
      // what @apollo/gateway's data source answers: the parsed body's keys and the fetch's answer
      const processed = { ...((await response.json()) as object), http: response };
      kept.push(dataOnlyAnswerText(processed) ?? null);
    }
    expect(kept).toEqual([answers[0], answers[1], null, null, null, null]);
    // an answer the gateway rebuilt (not the transport's) has no text to reuse
    expect(
      dataOnlyAnswerText({ data: { kind: 'FILM' }, http: new Response('{"data":{"kind":"FILM"}}') }),
    ).toBe(undefined);
  });
});

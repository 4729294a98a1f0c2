import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { issueClientToken } from '../src';
import { TOO_MANY_CONNECTIONS_CLOSE_CODE } from '../src/connection-caps';
import { REFUSAL_REASONS, type RefusalReason } from '../src/metrics';
import { FIXTURE_AUTH, startFixtureHub, type FixtureHub } from './fixtures/hub';

/**
 * `hub_gateway_refusals_total{reason}` on a real gateway (two real fixture subgraphs behind it), with every
 * limit set small: each refusal kind is provoked and read back from `GET /metrics`, and the counter moves
 * for nothing else (an answered request, or a request refused once for one reason).
 */
const SIGNED_IN_LIMIT = 2;

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub({
    limits: {
      maxDepth: 4,
      maxAliases: 2,
      maxDirectives: 2,
      maxTokens: 100,
      // `greetings` is a list without a declared size (× 100): 1 + 100 × fields
      maxCost: 300,
      maxResponseBytes: 1_000,
    },
    // anonymous requests (every test below) stay far below their limit; the signed-in one is tiny
    rateLimit: {
      anonymousLimit: 1_000,
      signedInLimit: SIGNED_IN_LIMIT,
      windowMs: 60_000,
      namespace: 'refusal_metrics_test',
    },
    connectionCaps: { perIp: 1, perOrganisation: 10 },
  });
});

afterAll(async () => {
  await hub?.stop();
});

/** The counter's value per reason, as Prometheus would scrape it. */
async function refusals(): Promise<Record<RefusalReason, number>> {
  const response = await fetch(`${hub.origin}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const values: Partial<Record<RefusalReason, number>> = {};
  for (const match of text.matchAll(/^hub_gateway_refusals_total\{([^}]*)\} (\S+)$/gm)) {
    const reason = /reason="([^"]+)"/.exec(match[1]!)?.[1] as RefusalReason;
    values[reason] = Number(match[2]);
  }
  return values as Record<RefusalReason, number>;
}

/** How much each reason's count grew while `run` ran (reasons that did not move are left out). */
async function growth(run: () => Promise<unknown>): Promise<Partial<Record<RefusalReason, number>>> {
  const before = await refusals();
  await run();
  const after = await refusals();
  const grown: Partial<Record<RefusalReason, number>> = {};
  for (const reason of REFUSAL_REASONS) {
    const delta = (after[reason] ?? 0) - (before[reason] ?? 0);
    if (delta !== 0) grown[reason] = delta;
  }
  return grown;
}

/** Sends `query` and checks it is refused with `code`. */
async function refused(query: string, code: string, status = 400, headers: Record<string, string> = {}) {
  const response = await hub.query(query, undefined, headers);
  expect(response.status).toBe(status);
  expect(response.body.errors?.map((error) => error.extensions?.code)).toContain(code);
}

describe('hub_gateway_refusals_total', () => {
  it('starts with every reason at 0 and does not move for answered requests', async () => {
    expect(await refusals()).toEqual(Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, 0])));
    expect(
      await growth(async () => {
        const response = await hub.query('{ greetings { id text } }');
        expect(response.body.errors).toBeUndefined();
      }),
    ).toEqual({});
  });

  it('counts each query limit once per refused request', async () => {
    expect(
      await growth(() =>
        refused('{ tree { child { child { child { child { level } } } } } }', 'QUERY_TOO_DEEP'),
      ),
    ).toEqual({ QUERY_TOO_DEEP: 1 });
    expect(
      await growth(() =>
        refused(
          '{ a: greeting(id: "1") { id } b: greeting(id: "2") { id } c: greeting(id: "1") { id } }',
          'TOO_MANY_ALIASES',
        ),
      ),
    ).toEqual({ TOO_MANY_ALIASES: 1 });
    expect(
      await growth(() =>
        refused(
          '{ greeting(id: "1") @include(if: true) { id @skip(if: false) text @skip(if: false) } }',
          'TOO_MANY_DIRECTIVES',
        ),
      ),
    ).toEqual({ TOO_MANY_DIRECTIVES: 1 });
    const values = Array.from({ length: 120 }, (_, index) => index).join(', ');
    expect(await growth(() => refused(`{ sum(values: [${values}]) }`, 'TOO_MANY_TOKENS'))).toEqual({
      TOO_MANY_TOKENS: 1,
    });
    expect(await growth(() => refused('{ greetings { id text likes seenBy } }', 'QUERY_TOO_COSTLY'))).toEqual(
      {
        QUERY_TOO_COSTLY: 1,
      },
    );
    // two limits broken by one request: one refusal for each reason
    expect(
      await growth(() =>
        refused(
          '{ a: tree { child { child { child { child { level } } } } } b: tree { level } c: tree { level } }',
          'QUERY_TOO_DEEP',
        ),
      ),
    ).toEqual({ QUERY_TOO_DEEP: 1, TOO_MANY_ALIASES: 1 });
  });

  it('counts an answer over MAX_RESPONSE_BYTES', async () => {
    // 100 greetings (cost 1 + 100 × 2, within the cost limit), about 3 kB
    expect(
      await growth(() => refused('{ repeatedGreetings(times: 50) { id text } }', 'RESPONSE_TOO_LARGE')),
    ).toEqual({ RESPONSE_TOO_LARGE: 1 });
  });

  it('counts requests over the rate limit', async () => {
    const token = await issueClientToken({
      ...FIXTURE_AUTH,
      subject: 'refusal-metrics',
      organisationId: 'refusal-metrics',
      roles: ['contributor'],
      ttlSeconds: 300,
    });
    const headers = { authorization: `Bearer ${token}` };
    expect(
      await growth(async () => {
        for (let index = 0; index < SIGNED_IN_LIMIT; index += 1) {
          const response = await hub.query('{ greeting(id: "1") { id } }', undefined, headers);
          expect(response.status).toBe(200);
        }
        await refused('{ greeting(id: "1") { id } }', 'RATE_LIMITED', 429, headers);
        await refused('{ greeting(id: "2") { id } }', 'RATE_LIMITED', 429, headers);
      }),
    ).toEqual({ RATE_LIMITED: 2 });
  });

  it('counts a subscription a limit refuses when it starts (graphql-ws), once per limit', async () => {
    const url = hub.gateway.url.replace(/^http/, 'ws');
    const socket = new WebSocket(url, 'graphql-transport-ws');
    try {
      const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
      const next = (type: string) =>
        new Promise<{ type: string; payload?: unknown }>((resolve, reject) => {
          const found = () => messages.find((message) => message.type === type);
          const check = () => {
            const message = found();
            if (message) resolve(message);
          };
          socket.on('message', check);
          socket.once('close', () => reject(new Error(`socket closed before ${type}`)));
          check();
        });
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      socket.send(JSON.stringify({ type: 'connection_init' }));
      await next('connection_ack');
      expect(
        await growth(async () => {
          // five levels of selection against a depth limit of 4 (the fields need not exist: limits come first)
          socket.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: 'subscription { a { b { c { d { e } } } } }' },
            }),
          );
          const error = await next('error');
          expect(JSON.stringify(error.payload)).toContain('QUERY_TOO_DEEP');
        }),
      ).toEqual({ QUERY_TOO_DEEP: 1 });
    } finally {
      socket.close();
      await new Promise((resolve) => socket.once('close', resolve));
    }
  });

  it('counts sockets over the connection cap', async () => {
    const url = hub.gateway.url.replace(/^http/, 'ws');
    const first = new WebSocket(url, 'graphql-transport-ws');
    try {
      await new Promise((resolve, reject) => {
        first.once('open', resolve);
        first.once('error', reject);
      });
      expect(
        await growth(async () => {
          const second = new WebSocket(url, 'graphql-transport-ws');
          const code = await new Promise<number>((resolve) => second.once('close', resolve));
          expect(code).toBe(TOO_MANY_CONNECTIONS_CLOSE_CODE);
        }),
      ).toEqual({ TOO_MANY_CONNECTIONS: 1 });
    } finally {
      first.close();
    }
  });
});

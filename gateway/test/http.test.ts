import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src';
import { readResponse, startFixtureHub, type FixtureHub } from './fixtures/hub';

const PARTNER_ORIGIN = 'https://partner.example';

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub({ corsOrigins: [PARTNER_ORIGIN] });
});

afterAll(async () => {
  await hub?.stop();
});

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(hub.gateway.url, { method: 'POST', headers, body }).then(readResponse);
}

describe('request bodies', () => {
  it('answers malformed JSON with 400 and a clear message', async () => {
    const response = await post('{"query": "{ greetings { id } }"');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Malformed JSON in the request body.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a body over the limit with 413 and a GraphQL-shaped error', async () => {
    const padding = 'x'.repeat(300 * 1024);
    const response = await post(JSON.stringify({ query: '{ greetings { id } }', variables: { padding } }));
    expect(DEFAULT_LIMITS.bodyLimit).toBe('256kb');
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [{ message: 'Request body is too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('answers an empty query with 400 from Apollo', async () => {
    for (const body of ['{}', '{"query": ""}']) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(response.body.errors?.[0]?.message).toMatch(/query|POST body/);
    }
  });

  it('answers a POST without a JSON content type with 400, not 500', async () => {
    const plain = await post('{ greetings { id } }', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.body.errors?.[0]?.message).toContain('Cross-Site Request Forgery');
    const preflighted = await post('{ greetings { id } }', {
      'content-type': 'text/plain',
      'apollo-require-preflight': '1',
    });
    expect(preflighted.status).toBe(400);
    expect(preflighted.body.errors?.[0]?.message).toContain('POST body missing');
  });

  it('never sends a stack trace or express internals', async () => {
    const responses = await Promise.all([
      post('{"query": "{ greetings { id } }"'),
      post('not json at all'),
      post('{}'),
      fetch(`${hub.origin}/nowhere`).then(readResponse),
      fetch(`${hub.origin}/playground/assets/%E0%A4%A`).then(readResponse),
    ]);
    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 404, 400]);
    for (const response of responses) {
      expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      expect(response.text).not.toContain('node_modules');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CORS', () => {
  it('allows a configured origin, with a preflight', async () => {
    const preflight = await fetch(hub.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin: PARTNER_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-request-id, traceparent');
    const response = await hub.query('{ greetings { id } }', undefined, {
      origin: PARTNER_ORIGIN,
      'x-request-id': 'partner-dashboard-42',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    // the page may read the id to quote it when it reports a problem, and where it stands with the rate limit
    expect(response.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['x-request-id', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']),
    );
    expect(response.headers.get('x-request-id')).toBe('partner-dashboard-42');
  });

  it('sends no CORS headers to other origins', async () => {
    const response = await hub.query('{ greetings { id } }', undefined, {
      origin: 'https://elsewhere.example',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers at all when no origins are configured', async () => {
    const other = await startFixtureHub();
    try {
      const response = await other.query('{ greetings { id } }', undefined, { origin: PARTNER_ORIGIN });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await other.stop();
    }
  });
});

describe('health', () => {
  it('is live', async () => {
    const response = await fetch(`${hub.origin}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('stays ready, degraded, while one subgraph is down, serving what the others have; unavailable when none answers', async () => {
    const ready = await fetch(`${hub.origin}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', subgraphs: ['greetings', 'reactions'] });
    expect((await fetch(`${hub.origin}/health/subgraphs`)).status).toBe(200);

    await hub.subgraphs.reactions.stop();
    const degraded = await fetch(`${hub.origin}/health/ready`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      failed: [{ name: 'reactions', reason: 'unreachable' }],
    });
    // monitoring sees the failure
    const strict = await fetch(`${hub.origin}/health/subgraphs`);
    expect(strict.status).toBe(503);
    expect(await strict.json()).toEqual({
      status: 'unavailable',
      failed: [{ name: 'reactions', reason: 'unreachable' }],
    });
    // and the gateway still answers from the subgraph that is up
    const partial = await hub.query('{ greeting(id: "1") { id text } }');
    expect(partial.body.data).toEqual({ greeting: { id: '1', text: 'Hello, regions' } });

    await hub.subgraphs.greetings.stop();
    const down = await fetch(`${hub.origin}/health/ready`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { status: string }).status).toBe('unavailable');
    expect((await fetch(`${hub.origin}/health/live`)).status).toBe(200);
  });
});

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ANONYMOUS, createLogger, type Caller } from '@hub/kit';
import express from 'express';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { gatewayConfigFromEnv } from '../src';
import {
  MemoryCounter,
  RateLimiter,
  rateLimitMiddleware,
  RedisCounter,
  type RateLimitSettings,
} from '../src/rate-limit';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Keys of one test apart from every other test and run on the same Redis server. */
const namespace = () => `test_rate_${randomBytes(4).toString('hex')}`;

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function logLines() {
  const lines: Array<{ msg: string; level: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('gateway', 'info', destination) };
}

describe('MemoryCounter', () => {
  it('counts per key in fixed windows and sweeps ended ones', async () => {
    const counter = new MemoryCounter();
    cleanups.push(() => counter.close());
    expect((await counter.hit('a', 80)).count).toBe(1);
    const second = await counter.hit('a', 80);
    expect(second.count).toBe(2);
    expect(second.resetMs).toBeGreaterThan(0);
    expect(second.resetMs).toBeLessThanOrEqual(80);
    expect((await counter.hit('b', 80)).count).toBe(1);
    await sleep(100);
    expect((await counter.hit('a', 80)).count).toBe(1); // a new window
    counter.sweep();
    expect(counter.size()).toBe(1); // b's window ended and went
  });
});

describe('RedisCounter', () => {
  it('shares one count between two clients (two replicas) and expires it with the window', async () => {
    const ns = namespace();
    const errors: unknown[] = [];
    const one = new RedisCounter(REDIS_URL, ns, (error) => errors.push(error));
    const two = new RedisCounter(REDIS_URL, ns, (error) => errors.push(error));
    cleanups.push(
      () => one.close(),
      () => two.close(),
    );
    await Promise.all([one.connect(), two.connect()]);
    expect(one.ready && two.ready).toBe(true);

    expect((await one.hit('ip:1', 300)).count).toBe(1);
    expect((await two.hit('ip:1', 300)).count).toBe(2);
    const third = await one.hit('ip:1', 300);
    expect(third.count).toBe(3);
    expect(third.resetMs).toBeGreaterThan(0);
    expect(third.resetMs).toBeLessThanOrEqual(300);
    expect((await two.hit('ip:2', 300)).count).toBe(1);
    // another deployment on the same server counts apart
    const other = new RedisCounter(REDIS_URL, namespace(), () => undefined);
    cleanups.push(() => other.close());
    await other.connect();
    expect((await other.hit('ip:1', 300)).count).toBe(1);

    await sleep(350);
    expect((await two.hit('ip:1', 300)).count).toBe(1);
    expect(errors).toEqual([]);
  });

  it('refuses a namespace that could reach other keys', () => {
    expect(() => new RedisCounter(REDIS_URL, 'a:b', () => undefined)).toThrow(/namespace/);
  });
});

const SETTINGS: RateLimitSettings = {
  anonymousLimit: 3,
  signedInLimit: 5,
  windowMs: 60_000,
  namespace: 'unused',
};
const member: Caller = {
  subject: 'user-1',
  displayName: null,
  organisationId: 'ORG-A',
  roles: ['contributor'],
};

describe('RateLimiter', () => {
  it('counts organisations, then subjects, then addresses, each with its limit', () => {
    const limiter = new RateLimiter(SETTINGS, createLogger('gateway', 'silent'));
    cleanups.push(() => limiter.stop());
    expect(limiter.subjectOf(member, '192.0.2.1')).toEqual({ key: 'org:ORG-A', limit: 5 });
    expect(limiter.subjectOf({ ...member, organisationId: null }, '192.0.2.1')).toEqual({
      key: 'sub:user-1',
      limit: 5,
    });
    expect(limiter.subjectOf(ANONYMOUS, '::ffff:192.0.2.1')).toEqual({ key: 'ip:192.0.2.1', limit: 3 });
    expect(limiter.subjectOf(undefined, '2001:db8::5')).toEqual({ key: 'ip:2001:db8:0:0::/64', limit: 3 });
  });

  it('fails open when Redis cannot be reached: counts in memory and warns', async () => {
    const { lines, logger } = logLines();
    // nothing listens on port 1
    const limiter = new RateLimiter(
      { ...SETTINGS, redisUrl: 'redis://127.0.0.1:1', namespace: namespace() },
      logger,
    );
    cleanups.push(() => limiter.stop());
    const started = Date.now();
    await limiter.start();
    expect(Date.now() - started).toBeLessThan(7_000); // it waits 5 s for Redis at most
    const subject = limiter.subjectOf(ANONYMOUS, '192.0.2.9');
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.hit(subject));
    expect(decisions.map((decision) => [decision.allowed, decision.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(lines.some((line) => line.level === 'warn' && /rate limit/.test(line.msg))).toBe(true);
  });
});

describe('rateLimitMiddleware', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it('sets the RateLimit headers, then answers 429 with Retry-After and RATE_LIMITED', async () => {
    const limiter = new RateLimiter(
      { ...SETTINGS, windowMs: 30_000, redisUrl: REDIS_URL, namespace: namespace() },
      createLogger('gateway', 'silent'),
    );
    await limiter.start();
    cleanups.push(() => limiter.stop());
    const app = express();
    app.use(
      rateLimitMiddleware(limiter, {
        callerOf: async (req) => {
          if (req.headers.authorization === 'Bearer member') return member;
          if (req.headers.authorization) throw new Error('bad token');
          return ANONYMOUS;
        },
        skip: (req) => req.path === '/free',
      }),
    );
    app.get('/{*any}', (_req, res) => {
      res.json({ data: { ok: true } });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const remaining: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${base}/graphql`);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-policy')).toBe('3;w=30');
      const reset = Number(response.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(30);
      remaining.push(response.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1']);
    // a bad token counts for the address too
    expect((await fetch(`${base}/graphql`, { headers: { authorization: 'Bearer forged' } })).status).toBe(
      200,
    );
    // not counted
    expect((await fetch(`${base}/free`)).headers.get('ratelimit-limit')).toBeNull();

    const refused = await fetch(`${base}/graphql`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    const body = (await refused.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);

    // a signed-in caller has its own, larger budget
    const signedIn = await fetch(`${base}/graphql`, { headers: { authorization: 'Bearer member' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('ratelimit-limit')).toBe('5');
    expect(signedIn.headers.get('ratelimit-remaining')).toBe('4');
  });
});

describe('configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-rate-limit-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // the committed supergraph: the response cache (on with REDIS_URL) lists its subgraphs' event sources
  copyFileSync(
    path.resolve(__dirname, '../../schema/supergraph.graphql'),
    path.join(dir, 'supergraph.graphql'),
  );
  writeFileSync(path.join(dir, 'error-extensions.json'), '{ "extensions": {} }');
  const env = {
    INTERNAL_TOKEN_SECRET: 'internal-token-secret-0123456789abcdef',
    // the identity settings the gateway needs besides ours (an Ed25519 key signs internal tokens)
    INTERNAL_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    JWT_SECRET: 'client-token-secret-0123456789abcdef',
    SUPERGRAPH_PATH: path.join(dir, 'supergraph.graphql'),
    PLAYGROUND: 'false',
  };

  it('turns the caps and the rate limit on with their defaults; trusts no proxy', () => {
    const config = gatewayConfigFromEnv(env, dir);
    expect(config.connectionCaps).toEqual({ perIp: 50, perOrganisation: 200 });
    expect(config.rateLimit).toEqual({
      anonymousLimit: 600,
      signedInLimit: 3000,
      windowMs: 60_000,
      namespace: 'hub_gateway',
    });
    expect(config.trustProxy).toBeUndefined();
  });

  it('reads the settings, Redis included', () => {
    const config = gatewayConfigFromEnv(
      {
        ...env,
        MAX_CONNECTIONS_PER_IP: '5',
        MAX_CONNECTIONS_PER_ORGANISATION: '7',
        RATE_LIMIT_ANONYMOUS: '10',
        RATE_LIMIT_SIGNED_IN: '20',
        RATE_LIMIT_WINDOW_SECONDS: '2',
        RATE_LIMIT_NAMESPACE: 'staging',
        REDIS_URL,
        TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32',
      },
      dir,
    );
    expect(config.connectionCaps).toEqual({ perIp: 5, perOrganisation: 7 });
    expect(config.rateLimit).toEqual({
      anonymousLimit: 10,
      signedInLimit: 20,
      windowMs: 2000,
      namespace: 'staging',
      redisUrl: REDIS_URL,
    });
    expect(config.trustProxy).toBe('loopback,10.0.0.0/8,2001:db8::/32');
    expect(gatewayConfigFromEnv({ ...env, TRUST_PROXY: '2' }, dir).trustProxy).toBe(2);
    expect(gatewayConfigFromEnv({ ...env, TRUST_PROXY: 'true' }, dir).trustProxy).toBe(true);
    expect(gatewayConfigFromEnv({ ...env, RATE_LIMIT: 'false' }, dir).rateLimit).toBeUndefined();
  });

  it('names a bad setting', () => {
    expect(() => gatewayConfigFromEnv({ ...env, TRUST_PROXY: '10.0.0.0/99' }, dir)).toThrow(/TRUST_PROXY/);
    expect(() => gatewayConfigFromEnv({ ...env, TRUST_PROXY: 'my-proxy' }, dir)).toThrow(/TRUST_PROXY/);
    expect(() => gatewayConfigFromEnv({ ...env, MAX_CONNECTIONS_PER_IP: '0' }, dir)).toThrow(
      /MAX_CONNECTIONS_PER_IP/,
    );
    expect(() => gatewayConfigFromEnv({ ...env, RATE_LIMIT_ANONYMOUS: 'many' }, dir)).toThrow(
      /RATE_LIMIT_ANONYMOUS/,
    );
  });
});

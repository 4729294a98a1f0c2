import type { Caller, Logger } from '@hub/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createClient } from 'redis';
import { addressKey } from './connection-caps';
import type { RefusalObserver } from './metrics';

/** Requests per caller and window; counted in Redis when `redisUrl` is set, so all replicas share one budget. */
export interface RateLimitSettings {
  /** Requests per window of an anonymous client, per address (IPv6: per /64). */
  anonymousLimit: number;
  /** Requests per window of a signed-in caller, per organisation (a token without one: per subject). */
  signedInLimit: number;
  /** Length of a window in milliseconds; a caller's window starts with its first request. */
  windowMs: number;
  /** Redis shared by the replicas; unset → each replica counts alone (in memory). */
  redisUrl?: string;
  /** Keeps deployments sharing one Redis server apart (letters, digits, `_`). */
  namespace: string;
}

export const DEFAULT_RATE_LIMIT: Readonly<Omit<RateLimitSettings, 'redisUrl'>> = {
  anonymousLimit: 600,
  signedInLimit: 3000,
  windowMs: 60_000,
  namespace: 'hub_gateway',
};

export const RATE_LIMITED_CODE = 'RATE_LIMITED';

/** How many requests a key has made in its current window, and when that window ends. */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends (and the count starts again at 0). */
  resetMs: number;
}

export interface RequestCounter {
  /** Counts one request of `key` and tells where its window stands. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

/** Fixed windows in this process's memory; ended windows are swept so that idle callers take no memory. */
export class MemoryCounter implements RequestCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetMs: window.endsAt - now });
  }

  /** Keys with a window running (tests). */
  size(): number {
    return this.windows.size;
  }

  sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
    return Promise.resolve();
  }
}

/**
 * One round trip, atomic: count, start the window on the first request (or if a key somehow lost its expiry),
 * report the time left. The window lives in Redis, so replicas with different clocks agree on it.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`;

/** Longest a Redis answer is waited for before the request is counted in memory instead. */
export const REDIS_TIMEOUT_MS = 250;

/** Fixed windows in Redis (`<namespace>:rate:<key>`), shared by every replica using the same server. */
export class RedisCounter implements RequestCounter {
  private readonly client: ReturnType<typeof createClient>;

  constructor(
    url: string,
    private readonly namespace: string,
    onError: (error: unknown) => void,
    onReady: () => void = () => undefined,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(namespace)) throw new Error(`Invalid rate-limit namespace: ${namespace}`);
    // without the offline queue a command fails at once while Redis is away, instead of waiting for it
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', onError);
    this.client.on('ready', onReady);
  }

  /** Connects, waiting at most `waitMs`: a Redis that is down must not keep the gateway from starting. */
  async connect(waitMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.connect().catch(() => undefined), // reported through the error listener; it keeps retrying
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    if (!this.client.isReady) throw new Error('Redis is not connected');
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.client.eval(HIT_SCRIPT, {
          keys: [`${this.namespace}:rate:${key}`],
          arguments: [String(windowMs)],
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer in time')), REDIS_TIMEOUT_MS);
        }),
      ]);
      const [count, ttl] = reply as [number, number];
      return { count: Number(count), resetMs: Math.max(0, Number(ttl)) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    // quit() waits for a connection that may never come back; a client that is not ready is just dropped
    if (this.client.isReady) await this.client.quit().catch(() => this.client.destroy());
    else if (this.client.isOpen) this.client.destroy();
  }
}

/** Where one request stands against its caller's limit (what the `RateLimit-*` headers say). */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window ends (at least 1 while anything is counted). */
  resetSeconds: number;
}

/** Who a request is counted for, and that caller's limit. */
export interface RateLimitSubject {
  key: string;
  limit: number;
}

/** How often a Redis failure is logged while it lasts (every request falls back meanwhile). */
const WARN_EVERY_MS = 30_000;

/**
 * The read rate limit: counts in Redis when configured and reachable, else in memory. A Redis outage fails
 * open (each replica counts on its own until Redis answers again) rather than taking the API down.
 */
export class RateLimiter {
  private readonly memory = new MemoryCounter();
  private readonly redis: RedisCounter | undefined;
  private lastWarning = 0;

  /** `onRefusal` hears every request over its caller's limit (`hub_gateway_refusals_total`). */
  constructor(
    readonly settings: RateLimitSettings,
    private readonly logger: Logger,
    private readonly onRefusal?: RefusalObserver,
  ) {
    this.redis = settings.redisUrl
      ? new RedisCounter(
          settings.redisUrl,
          settings.namespace,
          (error) => this.warn(error, 'rate limit: Redis connection error'),
          () => this.logger.info('rate limit: counting in Redis (shared by the replicas)'),
        )
      : undefined;
  }

  async start(): Promise<void> {
    await this.redis?.connect();
    if (this.redis && !this.redis.ready)
      this.logger.warn('rate limit: Redis not reachable at start; counting in memory until it is');
  }

  /** The caller a request is counted for: its organisation, else its subject, else its address. */
  subjectOf(caller: Caller | undefined, address: string | undefined): RateLimitSubject {
    if (caller?.organisationId)
      return { key: `org:${caller.organisationId}`, limit: this.settings.signedInLimit };
    if (caller?.subject) return { key: `sub:${caller.subject}`, limit: this.settings.signedInLimit };
    return { key: `ip:${addressKey(address)}`, limit: this.settings.anonymousLimit };
  }

  /** Counts one request of `subject`. */
  async hit(subject: RateLimitSubject): Promise<RateLimitDecision> {
    const { windowMs } = this.settings;
    let window: WindowCount;
    try {
      window = this.redis
        ? await this.redis.hit(subject.key, windowMs)
        : await this.memory.hit(subject.key, windowMs);
    } catch (error) {
      this.warn(error, 'rate limit: Redis failed; counting in memory (this replica only)');
      window = await this.memory.hit(subject.key, windowMs);
    }
    const allowed = window.count <= subject.limit;
    // counted here, where HTTP requests and operations over graphql-ws are both decided
    if (!allowed) this.onRefusal?.(RATE_LIMITED_CODE);
    return {
      allowed,
      limit: subject.limit,
      remaining: Math.max(0, subject.limit - window.count),
      resetSeconds: Math.max(1, Math.ceil(window.resetMs / 1000)),
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.memory.close(), this.redis?.close()]);
  }

  private warn(error: unknown, message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn({ err: error }, message);
  }
}

function refusalMessage(decision: RateLimitDecision, windowMs: number): string {
  return `Too many requests: at most ${decision.limit} per ${Math.ceil(windowMs / 1000)} s for this caller; try again in ${decision.resetSeconds} s.`;
}

/**
 * Counts one operation sent over a graphql-ws socket (no headers there): the refusal's message when the caller
 * is over its limit, else undefined.
 */
export async function rateLimitRefusal(
  limiter: RateLimiter,
  caller: Caller | undefined,
  address: string | undefined,
): Promise<string | undefined> {
  const decision = await limiter.hit(limiter.subjectOf(caller, address));
  return decision.allowed ? undefined : refusalMessage(decision, limiter.settings.windowMs);
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`
 * (`<limit>;w=<window seconds>`), as in draft-ietf-httpapi-ratelimit-headers (the separate-fields form that
 * clients and proxies read today).
 */
export function setRateLimitHeaders(res: Response, decision: RateLimitDecision, windowMs: number): void {
  res.set({
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'ratelimit-policy': `${decision.limit};w=${Math.ceil(windowMs / 1000)}`,
  });
}

export interface RateLimitMiddlewareOptions {
  /** The caller of a request; a bad token counts as anonymous here (the GraphQL layer then answers 401). */
  callerOf: (req: Request) => Promise<Caller>;
  /** Requests that are not counted (static files, health, streams bounded by the connection caps). */
  skip?: (req: Request) => boolean;
}

/**
 * Counts each request for its caller; over the limit answers HTTP 429 with `Retry-After` and a GraphQL-style
 * body (`extensions.code: RATE_LIMITED`) before the body is parsed or anything is planned.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  options: RateLimitMiddlewareOptions,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || options.skip?.(req)) return next();
    let caller: Caller | undefined;
    try {
      caller = await options.callerOf(req);
    } catch {
      caller = undefined;
    }
    const decision = await limiter.hit(limiter.subjectOf(caller, req.ip));
    setRateLimitHeaders(res, decision, limiter.settings.windowMs);
    if (decision.allowed) return next();
    res
      .status(429)
      .set('retry-after', String(decision.resetSeconds))
      .set('cache-control', 'no-store')
      .json({
        errors: [
          {
            message: refusalMessage(decision, limiter.settings.windowMs),
            extensions: { code: RATE_LIMITED_CODE },
          },
        ],
      });
  };
}

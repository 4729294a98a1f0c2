import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { createRedisEventBus, negotiateLanguage, observationOf, type EventBus, type Logger } from '@hub/kit';
import type { RequestHandler } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import { LABEL_LANGUAGES } from './transport';

/**
 * The gateway's cache of public responses, emptied by writes instead of by the clock alone.
 *
 * - **What is cached**: query operations of anonymous callers (no `Authorization`) that answered without
 *   errors. A signed-in caller's response is never stored nor served from here (`Cache-Control: private,
 *   no-store`), so nothing one organisation may see reaches another.
 * - **Keyed** by the document's hash, the operation name, the variables and the language of labels the
 *   `Accept-Language` header chooses (forwarded to subgraphs), so one language's answer never reaches another.
 * - **Tagged** with every subgraph the gateway fetched from to build it.
 * - **Emptied by writes**: when a mutation reaches a subgraph through any gateway replica, the subgraph has
 *   committed when it answers; every entry built with data of that subgraph is dropped at once on this replica
 *   and, over Redis pub/sub (`REDIS_URL`), on the others (milliseconds). A read that was already running when a
 *   write landed is not stored (per-subgraph generations), so it cannot put stale data back.
 * - **Bounded**: by bytes (least recently used first out) and by a time to live, the safety net for writes
 *   that do not come through a gateway (a subgraph's CLI import, a database fix by hand).
 */
export interface ResponseCacheSettings {
  /** Longest an entry is served, in milliseconds. */
  ttlMs: number;
  /** Largest total size of the cached responses (their JSON), in bytes. */
  maxBytes: number;
  /** Redis pub/sub shared by the gateway replicas of one deployment; unset → this replica only. */
  redisUrl?: string;
  /** Keeps deployments that share a Redis server apart (letters, digits, `_`). */
  namespace?: string;
}

export const DEFAULT_RESPONSE_CACHE_SETTINGS: Readonly<ResponseCacheSettings> = {
  ttlMs: 60_000,
  maxBytes: 64 * 1024 * 1024,
};

/** The language subgraphs label data in without `lang` argument or `Accept-Language`. */
const DEFAULT_LABEL_LANGUAGE = 'en';

/**
 * The language a request's labels come out in, as the subgraphs choose it from the forwarded
 * `Accept-Language` (the same negotiation): `en`, `fr` or `de`. Many headers, three cache entries at most.
 */
export function labelLanguageOf(acceptLanguage: string | null | undefined): string {
  return negotiateLanguage(acceptLanguage, LABEL_LANGUAGES) ?? DEFAULT_LABEL_LANGUAGE;
}

/** Response header saying whether the cache answered (`hit`), stored (`miss`) or could not (`bypass`). */
export const CACHE_STATUS_HEADER = 'x-hub-cache';
const INVALIDATION_TOPIC = 'gateway.cacheInvalidated';

interface Entry {
  result: FormattedExecutionResult;
  /** The result as Apollo Server sends it (JSON and a newline), for the fast path. */
  text: string;
  subgraphs: readonly string[];
  bytes: number;
  expiresAt: number;
  /** The name of the operation it answers (for the access log and metrics of answers served as text). */
  operation?: string;
}

/** What the data sources record for one client request (kept on its context). */
export interface CacheScope {
  /** Subgraphs fetched from while answering it. */
  readonly subgraphs: Set<string>;
  /** The write generation of every subgraph when the request started. */
  readonly generations: ReadonlyMap<string, number>;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private bytes = 0;
  private bus: EventBus | undefined;
  private readonly origin = randomUUID();
  /**
   * Since start (metrics and tests): answers served, cacheable requests not answered, entries stored,
   * entries dropped for room or expired (evictions), and invalidations by writes.
   */
  readonly stats = { hits: 0, misses: 0, stores: 0, evictions: 0, invalidations: 0 };

  constructor(
    private readonly settings: ResponseCacheSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Joins the replicas' invalidation channel when Redis is configured. */
  async start(): Promise<void> {
    if (!this.settings.redisUrl) return;
    this.bus = await createRedisEventBus({
      url: this.settings.redisUrl,
      namespace: this.settings.namespace ?? 'hub_gateway',
      logger: this.logger,
    });
    await this.bus.subscribe(INVALIDATION_TOPIC, (payload) => {
      if (payload.origin === this.origin || !Array.isArray(payload.subgraphs)) return;
      this.drop(payload.subgraphs.filter((name): name is string => typeof name === 'string'));
    });
  }

  async stop(): Promise<void> {
    await this.bus?.close();
    this.bus = undefined;
  }

  scope(): CacheScope {
    return { subgraphs: new Set(), generations: new Map(this.generations) };
  }

  /**
   * `queryHash`: the SHA-256 (hex) of the document text, as Apollo Server computes it. `language`: the label
   * language of the request (`labelLanguageOf`); English, the default, keys as no language at all.
   */
  key(
    queryHash: string,
    operationName: string | undefined | null,
    variables: unknown,
    language: string = DEFAULT_LABEL_LANGUAGE,
  ): string {
    const hash = createHash('sha256')
      .update(queryHash)
      .update('\0')
      .update(operationName ?? '')
      .update('\0')
      .update(JSON.stringify(variables ?? {}));
    if (language !== DEFAULT_LABEL_LANGUAGE) hash.update('\0').update(language);
    return hash.digest('base64url');
  }

  get(key: string): FormattedExecutionResult | undefined {
    return this.entry(key)?.result;
  }

  /** The cached answer as the text Apollo Server would send. */
  getText(key: string): string | undefined {
    return this.entry(key)?.text;
  }

  /** The cached answer as text, and the name of the operation it answers. */
  answer(key: string): { text: string; operation?: string } | undefined {
    const entry = this.entry(key);
    return entry && { text: entry.text, operation: entry.operation };
  }

  private entry(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      this.stats.evictions += 1;
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits += 1;
    return entry;
  }

  /** Stores unless one of the subgraphs it read from took a write since the request started. */
  set(key: string, result: FormattedExecutionResult, scope: CacheScope, operation?: string): boolean {
    const subgraphs = [...scope.subgraphs];
    if (subgraphs.some((name) => (this.generations.get(name) ?? 0) !== (scope.generations.get(name) ?? 0)))
      return false;
    const text = `${JSON.stringify(result)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > this.settings.maxBytes) return false;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, {
      result,
      text,
      subgraphs,
      bytes,
      expiresAt: this.now() + this.settings.ttlMs,
      operation,
    });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.settings.maxBytes) break;
      this.remove(oldest, entry);
      this.stats.evictions += 1;
    }
    this.stats.stores += 1;
    return true;
  }

  /** A subgraph committed a write: drop what was built from it, here and on the other replicas. */
  invalidate(subgraphs: readonly string[]): void {
    this.drop(subgraphs);
    this.bus
      ?.publish({ topic: INVALIDATION_TOPIC, payload: { origin: this.origin, subgraphs } })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not tell the other replicas'));
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(subgraphs: readonly string[]): void {
    if (subgraphs.length === 0) return;
    for (const name of subgraphs) this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
    for (const [key, entry] of this.entries) {
      if (entry.subgraphs.some((name) => subgraphs.includes(name))) this.remove(key, entry);
    }
    this.stats.invalidations += 1;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** A mutation document the gateway sends to a subgraph (it writes). */
export function isMutationDocument(query: string | undefined): boolean {
  return query !== undefined && /^\s*mutation\b/.test(query);
}

interface CacheableContext {
  caller: { subject: string | null };
  cacheScope?: CacheScope;
}

const PUBLIC = 'public, max-age=0, must-revalidate';
const PRIVATE = 'private, no-store';

/**
 * The Apollo Server plugin answering from `cache` and filling it. Runs after parsing, validation and the
 * query limits (a cached document passed them before), so a hit costs a lookup and the serialisation.
 */
export function responseCachePlugin<Context extends CacheableContext>(
  cache: ResponseCache,
): ApolloServerPlugin<Context> {
  // only client requests over HTTP carry a scope: the gateway's own operations (subscription follow-ups after
  // an event, the CSV export) always read fresh
  const cacheable = (context: GraphQLRequestContext<Context>) =>
    context.operation?.operation === 'query' &&
    context.contextValue.caller.subject === null &&
    context.contextValue.cacheScope !== undefined;
  const keyOf = (context: GraphQLRequestContext<Context>) =>
    cache.key(
      context.queryHash ?? '',
      context.request.operationName,
      context.request.variables,
      labelLanguageOf(context.request.http?.headers.get('accept-language')),
    );
  return {
    async requestDidStart() {
      let hit = false;
      return {
        async responseForOperation(context) {
          if (!cacheable(context)) return null;
          const result = cache.get(keyOf(context));
          if (!result) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: result },
          };
        },
        async willSendResponse(context) {
          const headers = context.response.http.headers;
          if (!context.operation || context.operation.operation !== 'query') return;
          if (!cacheable(context)) {
            headers.set('cache-control', PRIVATE);
            return;
          }
          const body = context.response.body;
          let status = 'bypass';
          if (hit) status = 'hit';
          else cache.stats.misses += 1;
          if (!hit && body.kind === 'single' && !body.singleResult.errors) {
            const scope = context.contextValue.cacheScope!;
            status = cache.set(
              keyOf(context),
              body.singleResult,
              scope,
              context.operationName ?? '(anonymous)',
            )
              ? 'miss'
              : 'bypass';
          }
          headers.set('cache-control', status === 'bypass' ? PRIVATE : PUBLIC);
          headers.set(CACHE_STATUS_HEADER, status);
        },
      };
    },
  };
}

/**
 * The fast path in front of Apollo Server: a cached answer to an anonymous `POST /graphql` goes out as the stored
 * text, without parsing, validating or serialising again (a published consultation's results are 1 MB of
 * JSON). Anything else — a signed-in caller, a persisted query, a client asking for
 * `application/graphql-response+json`, a miss — goes on to Apollo Server and the plugin above.
 */
export function cachedAnswers(cache: ResponseCache): RequestHandler {
  return (req, res, next) => {
    const body = req.body as
      { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    const accept = req.headers.accept ?? '';
    if (
      req.method !== 'POST' ||
      req.headers.authorization !== undefined ||
      typeof body?.query !== 'string' ||
      body.extensions !== undefined ||
      accept.includes('application/graphql-response+json')
    )
      return next();
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const queryHash = createHash('sha256').update(body.query).digest('hex');
    const answer = cache.answer(
      cache.key(queryHash, operationName, body.variables, labelLanguageOf(req.headers['accept-language'])),
    );
    if (answer === undefined) return next();
    const observation = observationOf(res);
    if (observation) {
      observation.operation = answer.operation ?? '(anonymous)';
      observation.outcome = 'ok';
    }
    res
      .status(200)
      .set({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': PUBLIC,
        [CACHE_STATUS_HEADER]: 'hit',
      })
      .send(answer.text);
  };
}

import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { createRedisEventBus, negotiateLanguage, observationOf, type EventBus, type Logger } from '@hub/kit';
import type { RequestHandler } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import {
  ANY_SUBGRAPH_TAG,
  cacheTagsOf,
  subgraphTag,
  supergraphOwnership,
  type SupergraphOwnership,
} from './cache-entities';
import { MemoryCacheStore, RedisCacheStore, type CacheStore, type StoredAnswer } from './cache-store';
import { listenToDomainEvents, tagsOfEvent, trackedEntities, type DomainEventSource } from './cache-events';
import { LABEL_LANGUAGES } from './transport';

/**
 * The gateway's cache of public responses, emptied by writes instead of by the clock alone.
 *
 * - **What is cached**: query operations of anonymous callers (no `Authorization`) that answered without
 *   errors. A signed-in caller's response is never stored nor served from here (`Cache-Control: private,
 *   no-store`), so nothing one organisation may see reaches another.
 * - **Keyed** by the document's hash, the operation name, the variables and the language of labels the
 *   `Accept-Language` header chooses (forwarded to subgraphs), so one language's answer never reaches another.
 * - **Tagged** with what it shows (cache-entities.ts): the entities whose domain events the gateway hears, by
 *   key, and every subgraph whose data in it no entity event covers (lists, counts, lookups that found nothing).
 * - **Emptied by writes**: a subgraph's domain event (heard on its own bus, whoever wrote) drops the entries
 *   showing the entity it names and those tagged with its subgraph, on every replica (cache-events.ts). A
 *   mutation through a gateway drops at once the entries tagged with the subgraph it reached and the entities
 *   its answer names, here and, over Redis pub/sub (`REDIS_URL`), on the other replicas. A read that was already
 *   running when an eviction touching it landed is not stored, so it cannot put stale data back.
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
  /** Largest response stored, in bytes (default: `maxBytes`). */
  maxEntryBytes?: number;
  /**
   * The subgraphs' buses the gateway hears domain events on (cache-events.ts): their events evict the entries
   * showing the entities they name, whoever wrote (another replica, a subgraph CLI). Unset → writes through
   * a gateway and the time to live only.
   */
  domainEvents?: DomainEventSource[];
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

/** Evictions remembered for reads in flight (see `ResponseCache.set`). */
const MAX_EVICTION_LOG = 1_000;

/** What the data sources record for one client request (kept on its context). */
export interface CacheScope {
  /** Subgraphs fetched from while answering it. */
  readonly subgraphs: Set<string>;
  /** The number of the last eviction when the request started. */
  readonly since: number;
}

export class ResponseCache {
  private store: CacheStore;
  /**
   * The evictions of the last moments, numbered: a read that started before one of them and depends on one of
   * its tags is not stored (it may hold what the write replaced). Bounded; older scopes store nothing.
   */
  private readonly evictionLog: { seq: number; tags: ReadonlySet<string> }[] = [];
  private evictionSeq = 0;
  private logFloor = 0;
  private bus: EventBus | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private readonly origin = randomUUID();
  /** Entity types whose events this replica hears (see cache-events.ts): only they get entity tags. */
  readonly tracked: ReadonlyMap<string, string>;
  /**
   * Since start (metrics and tests): answers served, cacheable requests not answered, entries stored,
   * entries dropped for room or expired (evictions, in memory), and invalidations by writes.
   */
  readonly stats: {
    hits: number;
    misses: number;
    stores: number;
    invalidations: number;
    readonly evictions: number;
  };

  constructor(
    private readonly settings: ResponseCacheSettings,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.tracked = trackedEntities(settings.domainEvents ?? []);
    this.store = new MemoryCacheStore(settings.maxBytes, now);
    const store = () => this.store;
    this.stats = {
      hits: 0,
      misses: 0,
      stores: 0,
      invalidations: 0,
      get evictions() {
        return store().evictions;
      },
    };
  }

  /**
   * Joins the replicas' invalidation channel and their shared store when Redis is configured, and the
   * subgraphs' domain events.
   */
  async start(): Promise<void> {
    if (this.settings.redisUrl) {
      this.store = await RedisCacheStore.connect({
        url: this.settings.redisUrl,
        namespace: this.settings.namespace ?? 'hub_gateway',
        maxEntryBytes: this.maxEntryBytes,
        logger: this.logger,
      });
    }
    if (this.settings.domainEvents?.length) {
      this.stopListening = await listenToDomainEvents(
        this.settings.domainEvents,
        this.logger,
        (subgraph, topic, payload) => this.evict(tagsOfEvent(subgraph, topic, payload)),
      );
    }
    if (!this.settings.redisUrl) return;
    this.bus = await createRedisEventBus({
      url: this.settings.redisUrl,
      namespace: this.settings.namespace ?? 'hub_gateway',
      logger: this.logger,
    });
    await this.bus.subscribe(INVALIDATION_TOPIC, (payload) => {
      if (payload.origin === this.origin) return;
      // `subgraphs`: what replicas before entity tags sent
      const tags = Array.isArray(payload.tags)
        ? payload.tags
        : Array.isArray(payload.subgraphs)
          ? payload.subgraphs.map((name) => (typeof name === 'string' ? subgraphTag(name) : undefined))
          : [];
      this.evict(tags.filter((tag): tag is string => typeof tag === 'string'));
    });
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
    await this.bus?.close();
    this.bus = undefined;
    await this.store.close();
  }

  private get maxEntryBytes(): number {
    return Math.min(this.settings.maxBytes, this.settings.maxEntryBytes ?? Infinity);
  }

  scope(): CacheScope {
    return { subgraphs: new Set(), since: this.evictionSeq };
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

  /** The cached result (parsed again from its text: Apollo Server serialises it). */
  async get(key: string): Promise<FormattedExecutionResult | undefined> {
    const answer = await this.answer(key);
    return answer && (JSON.parse(answer.text) as FormattedExecutionResult);
  }

  /** The cached answer as text, its ETag, and the name of the operation it answers. */
  async answer(key: string): Promise<StoredAnswer | undefined> {
    let answer: StoredAnswer | undefined;
    try {
      answer = await this.store.get(key);
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache unavailable: answering without it');
      return undefined;
    }
    if (answer) this.stats.hits += 1;
    return answer;
  }

  /**
   * Stores unless a write touched what it depends on since the request started; returns the stored entry's
   * ETag. `tags`: what the response depends on (`cacheTagsOf`); without them, every subgraph it read from.
   */
  async set(
    key: string,
    result: FormattedExecutionResult,
    scope: CacheScope,
    operation?: string,
    tags: Iterable<string> = [...scope.subgraphs].map(subgraphTag),
  ): Promise<string | undefined> {
    const tagList = [...new Set(tags)];
    if (!this.fresh(scope, tagList)) return undefined;
    const text = `${JSON.stringify(result)}\n`;
    if (Buffer.byteLength(text) > this.maxEntryBytes) return undefined;
    const etag = `"${createHash('sha256').update(text).digest('base64url')}"`;
    try {
      await this.store.set(
        key,
        { text, etag, ...(operation ? { operation } : {}) },
        tagList,
        this.settings.ttlMs,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not store a response');
      return undefined;
    }
    // an eviction that landed while it was being stored may have missed it
    if (!this.fresh(scope, tagList)) {
      await this.store.evict(tagList).catch(() => undefined);
      return undefined;
    }
    this.stats.stores += 1;
    return etag;
  }

  /** No eviction touching `tags` landed since `scope` started. */
  private fresh(scope: CacheScope, tags: readonly string[]): boolean {
    if (scope.since < this.logFloor) return false;
    return !this.evictionLog.some(
      (eviction) => eviction.seq > scope.since && tags.some((tag) => eviction.tags.has(tag)),
    );
  }

  /** A subgraph committed a write: drop what was built from it, here and on the other replicas. */
  invalidate(subgraphs: readonly string[]): void {
    this.invalidateTags(subgraphs.map(subgraphTag));
  }

  /** Drops the entries with any of `tags`, here and on the other replicas. */
  invalidateTags(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.evict(tags);
    this.bus
      ?.publish({ topic: INVALIDATION_TOPIC, payload: { origin: this.origin, tags } })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not tell the other replicas'));
  }

  /**
   * Entries held: in memory exactly, in Redis as last counted (see `RedisCacheStore.count`); -1 while Redis
   * cannot be asked (a scrape of the metrics must not fail for it).
   */
  count(): Promise<number> {
    return this.store.count().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not count the cached responses');
      return -1;
    });
  }

  /**
   * Drops the entries with any of `tags` (and those depending on any write) from the store; with Redis every
   * replica deletes them too (idempotent: one may have stored after another deleted).
   */
  private evict(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return Promise.resolve();
    const all = new Set([...tags, ANY_SUBGRAPH_TAG]);
    this.evictionSeq += 1;
    this.evictionLog.push({ seq: this.evictionSeq, tags: all });
    if (this.evictionLog.length > MAX_EVICTION_LOG) this.logFloor = this.evictionLog.shift()!.seq;
    this.stats.invalidations += 1;
    return this.store
      .evict([...all])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not evict cached responses'));
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
 * query limits (a cached document passed them before), so a hit costs a lookup and the serialisation. It
 * reads the supergraph (which subgraph resolves each field) when the gateway loads it, to tag what it stores
 * with the entities it shows; and after a mutation, evicts the entities its answer names at once (the
 * subgraph's domain event does the same a moment later, on every replica).
 */
export function responseCachePlugin<Context extends CacheableContext>(
  cache: ResponseCache,
): ApolloServerPlugin<Context> {
  let ownership: SupergraphOwnership | undefined;
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
  const tagsOf = (
    context: GraphQLRequestContext<Context>,
    data: Record<string, unknown> | null | undefined,
  ) =>
    ownership && context.operation && context.document
      ? cacheTagsOf({
          schema: context.schema,
          ownership,
          tracked: cache.tracked,
          document: context.document,
          operation: context.operation,
          variables: context.request.variables,
          data,
          fetched: context.contextValue.cacheScope?.subgraphs,
        })
      : undefined;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          try {
            ownership = coreSupergraphSdl ? supergraphOwnership(coreSupergraphSdl) : undefined;
          } catch {
            ownership = undefined; // entries are then tagged by the subgraphs they read from
          }
        },
      };
    },
    async requestDidStart() {
      let hit: string | undefined; // the ETag of the answer served from the cache
      return {
        async responseForOperation(context) {
          if (!cacheable(context)) return null;
          const answer = await cache.answer(keyOf(context));
          if (!answer) return null;
          hit = answer.etag;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: JSON.parse(answer.text) as FormattedExecutionResult },
          };
        },
        async willSendResponse(context) {
          const headers = context.response.http.headers;
          const body = context.response.body;
          if (context.operation?.operation === 'mutation' && body.kind === 'single' && cache.tracked.size) {
            // read-your-writes on this replica: the entities the mutation answers with go now
            const tags = tagsOf(context, body.singleResult.data);
            const entities = [...(tags ?? [])].filter((tag) => tag.startsWith('e:'));
            if (entities.length) cache.invalidateTags(entities);
          }
          if (!context.operation || context.operation.operation !== 'query') return;
          if (!cacheable(context)) {
            headers.set('cache-control', PRIVATE);
            return;
          }
          let status = 'bypass';
          let etag: string | undefined;
          if (hit) {
            status = 'hit';
            etag = hit;
          } else cache.stats.misses += 1;
          if (!hit && body.kind === 'single' && !body.singleResult.errors) {
            const scope = context.contextValue.cacheScope!;
            etag = await cache.set(
              keyOf(context),
              body.singleResult,
              scope,
              context.operationName ?? '(anonymous)',
              tagsOf(context, body.singleResult.data),
            );
            status = etag ? 'miss' : 'bypass';
          }
          headers.set('cache-control', status === 'bypass' ? PRIVATE : PUBLIC);
          if (etag && status !== 'bypass') headers.set('etag', etag);
          headers.set(CACHE_STATUS_HEADER, status);
        },
      };
    },
  };
}

/** `If-None-Match` names `etag` (a list, or `*`; weak validators compare by their opaque part). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** A GET request's parameters as Apollo Server reads them (`variables` and `extensions` are JSON). */
function getParams(query: Record<string, unknown>): GraphQLParams | undefined {
  try {
    const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
    return {
      query: query.query,
      operationName: query.operationName,
      variables: json(query.variables),
      extensions: json(query.extensions),
    };
  } catch {
    return undefined; // Apollo Server answers the bad JSON
  }
}

/** The document hash Apollo Server keys the request by: of its text, or the persisted query's hash. */
function queryHashOf(params: GraphQLParams): string | undefined {
  const extensions = params.extensions as
    { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined;
  const textHash =
    typeof params.query === 'string' ? createHash('sha256').update(params.query).digest('hex') : undefined;
  if (extensions === undefined || extensions === null) return textHash;
  const keys = typeof extensions === 'object' ? Object.keys(extensions) : [];
  const persisted = extensions.persistedQuery;
  if (keys.length !== 1 || keys[0] !== 'persistedQuery' || typeof persisted?.sha256Hash !== 'string')
    return undefined;
  // Apollo Server refuses a text that does not match its hash; leave that answer to it
  if (textHash !== undefined && textHash !== persisted.sha256Hash) return undefined;
  return persisted.sha256Hash;
}

/**
 * The fast path in front of Apollo Server: a cached answer to an anonymous `POST /graphql` (or `GET`, with the
 * CSRF preflight header Apollo Server requires, or a persisted query by hash) goes out as the stored text,
 * without parsing, validating or serialising again (a published consultation's results are 1 MB of JSON); a
 * client holding it already (`If-None-Match`) gets `304 Not Modified`. Anything else — a signed-in caller, a
 * client asking for `application/graphql-response+json`, a miss — goes on to Apollo Server and the plugin
 * above. Every answer varies by `Accept-Language` (the cache keys on it), added to the `Vary` CORS sets.
 */
export function cachedAnswers(cache: ResponseCache): RequestHandler {
  return async (req, res, next) => {
    res.vary('Accept-Language');
    if (req.headers.authorization !== undefined) return next();
    let params: GraphQLParams | undefined;
    if (req.method === 'POST') params = req.body as GraphQLParams | undefined;
    else if (
      req.method === 'GET' &&
      (req.headers['apollo-require-preflight'] !== undefined ||
        req.headers['x-apollo-operation-name'] !== undefined)
    )
      params = getParams(req.query as Record<string, unknown>);
    if (!params || typeof params !== 'object') return next();
    const queryHash = queryHashOf(params);
    if (queryHash === undefined) return next();
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const answer = await cache.answer(
      cache.key(queryHash, operationName, params.variables, labelLanguageOf(req.headers['accept-language'])),
    );
    if (answer === undefined) return next();
    const revalidated = matches(req.headers['if-none-match'], answer.etag);
    if (!revalidated && (req.headers.accept ?? '').includes('application/graphql-response+json'))
      return next();
    const observation = observationOf(res);
    if (observation) {
      observation.operation = answer.operation ?? '(anonymous)';
      observation.outcome = 'ok';
    }
    res.set({ 'cache-control': PUBLIC, etag: answer.etag, [CACHE_STATUS_HEADER]: 'hit' });
    if (revalidated) {
      res.status(304).end();
      return;
    }
    res.status(200).set('content-type', 'application/json; charset=utf-8').send(answer.text);
  };
}

import type { Logger } from '@hub/kit';
import { createClient } from 'redis';

/** One cached answer as stored: the text Apollo Server would send, its ETag, and what it depends on. */
export interface StoredAnswer {
  text: string;
  etag: string;
  /** The name of the operation it answers (for the access log and metrics of answers served as text). */
  operation?: string;
}

/** Where the response cache keeps its entries: this process's memory, or Redis shared by the replicas. */
export interface CacheStore {
  get(key: string): Promise<StoredAnswer | undefined>;
  set(key: string, answer: StoredAnswer, tags: readonly string[], ttlMs: number): Promise<void>;
  /** Drops every entry with one of `tags`. */
  evict(tags: readonly string[]): Promise<void>;
  /**
   * Entries held: exact in memory; in Redis counted by a bounded SCAN at most every `COUNT_MAX_AGE_MS` (a
   * metrics gauge, read on each scrape, must not walk a large keyspace each time).
   */
  count(): Promise<number>;
  /** Entries dropped for room or expired, since start (memory). */
  readonly evictions: number;
  close(): Promise<void>;
}

const newClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof newClient>;

interface MemoryEntry extends StoredAnswer {
  tags: readonly string[];
  bytes: number;
  expiresAt: number;
}

/** Entries in this process: bounded by bytes (least recently used out first) and by their time to live. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, MemoryEntry>();
  /** Cache keys by tag: what an eviction by tag finds without a scan. */
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;
  evictions = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async count(): Promise<number> {
    return this.entries.size;
  }

  async get(key: string): Promise<StoredAnswer | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      this.evictions += 1;
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { text: entry.text, etag: entry.etag, ...(entry.operation ? { operation: entry.operation } : {}) };
  }

  async set(key: string, answer: StoredAnswer, tags: readonly string[], ttlMs: number): Promise<void> {
    const bytes = Buffer.byteLength(answer.text);
    if (bytes > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, { ...answer, tags, bytes, expiresAt: this.now() + ttlMs });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
      this.evictions += 1;
    }
  }

  async evict(tags: readonly string[]): Promise<void> {
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        const entry = this.entries.get(key);
        if (entry) this.remove(key, entry);
      }
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
  }

  private remove(key: string, entry: MemoryEntry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

/**
 * Drops the entries listed in each tag's set and the sets themselves, in one step on the server: an entry
 * stored between reading a set and deleting it would otherwise lose its index and outlive the write.
 */
const EVICT_SCRIPT = `
for _, tag in ipairs(KEYS) do
  local members = redis.call('SMEMBERS', tag)
  for i = 1, #members, 500 do
    redis.call('UNLINK', unpack(members, i, math.min(i + 499, #members)))
  end
  redis.call('UNLINK', tag)
end
return 0`;

/** A count of the Redis entries is reused this long: scrapes every few seconds cost one SCAN walk at most. */
export const COUNT_MAX_AGE_MS = 15_000;
/** Keys SCAN examines per step, and the steps one count takes at most (1,000,000 keys of the database). */
const COUNT_BATCH = 1_000;
const MAX_COUNT_STEPS = 1_000;

/**
 * Entries in Redis, shared by the replicas of a deployment: `<namespace>:a:<key>` holds the answer (JSON, with
 * the entry's time to live), `<namespace>:t:<tag>` the keys of the entries with that tag (a set living as long
 * as its newest entry). Room is the operator's (`maxmemory` with an LRU or TTL policy); one entry is capped here.
 * Every command goes over one connection, in order: an eviction after a store removes what it stored.
 */
export class RedisCacheStore implements CacheStore {
  readonly evictions = 0;
  private counted: { value: number; at: number } | undefined;
  private counting: Promise<number> | undefined;

  private constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
    private readonly maxEntryBytes: number,
    private readonly now: () => number,
  ) {}

  static async connect(options: {
    url: string;
    namespace: string;
    maxEntryBytes: number;
    logger: Logger;
    now?: () => number;
  }): Promise<RedisCacheStore> {
    if (!/^[a-z_][a-z0-9_]*$/i.test(options.namespace))
      throw new Error(`Invalid cache namespace: ${options.namespace}`);
    const client = newClient(options.url);
    client.on('error', (error: unknown) =>
      options.logger.warn({ err: error }, 'response cache Redis connection error'),
    );
    await client.connect();
    return new RedisCacheStore(
      client,
      `${options.namespace}:cache`,
      options.maxEntryBytes,
      options.now ?? Date.now,
    );
  }

  private answerKey(key: string) {
    return `${this.namespace}:a:${key}`;
  }

  private tagKey(tag: string) {
    return `${this.namespace}:t:${tag}`;
  }

  async get(key: string): Promise<StoredAnswer | undefined> {
    const json = await this.client.get(this.answerKey(key));
    if (json === null) return undefined;
    try {
      return JSON.parse(json) as StoredAnswer;
    } catch {
      return undefined;
    }
  }

  async set(key: string, answer: StoredAnswer, tags: readonly string[], ttlMs: number): Promise<void> {
    const json = JSON.stringify(answer);
    if (Buffer.byteLength(json) > this.maxEntryBytes) return;
    const answerKey = this.answerKey(key);
    const multi = this.client.multi().set(answerKey, json, { PX: ttlMs });
    for (const tag of tags) {
      multi.sAdd(this.tagKey(tag), answerKey);
      // a set lives as long as its newest entry (its older members have expired by then)
      multi.pExpire(this.tagKey(tag), ttlMs, 'GT');
      multi.pExpire(this.tagKey(tag), ttlMs, 'NX');
    }
    await multi.exec();
  }

  async evict(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.client.eval(EVICT_SCRIPT, { keys: tags.map((tag) => this.tagKey(tag)) });
  }

  /**
   * The entries of this namespace (every replica's: they share them), counted by SCAN: at most every
   * `COUNT_MAX_AGE_MS`, one count at a time, and over at most a million keys of the database (a larger one
   * gives what was found by then, a lower bound). Entries expire by themselves, so a count kept up to date by
   * each store and eviction would drift; a walk does not.
   */
  async count(): Promise<number> {
    if (this.counted && this.now() - this.counted.at < COUNT_MAX_AGE_MS) return this.counted.value;
    this.counting ??= this.scanCount()
      .then((value) => {
        this.counted = { value, at: this.now() };
        return value;
      })
      .finally(() => {
        this.counting = undefined;
      });
    return this.counting;
  }

  private async scanCount(): Promise<number> {
    let found = 0;
    let steps = 0;
    for await (const keys of this.client.scanIterator({ MATCH: this.answerKey('*'), COUNT: COUNT_BATCH })) {
      found += keys.length;
      if (++steps >= MAX_COUNT_STEPS) break;
    }
    return found;
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}

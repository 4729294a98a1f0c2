import { ANONYMOUS, INTERNAL_TOKEN_HEADER, signInternalToken } from './identity';

/** How long a key a peer confirmed is trusted without asking again. */
export const PEER_KEY_CACHE_TTL_MS = 10 * 60 * 1000;
/** Entries kept per peer before the oldest are dropped. */
const MAX_CACHED_KEYS_PER_PEER = 10_000;
/** A peer that does not answer within this time counts as unreachable. */
const PEER_TIMEOUT_MS = 10_000;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Asks other subgraphs (by name, see `SubgraphConfig.peers`) whether entity keys exist. */
export interface PeerDirectory {
  /**
   * Of `keys`, the ones for which the peer subgraph `subgraph` resolves no `typename` entity (via `_entities`
   * on `keyField`), in the order given; `undefined` when no URL is configured for that peer, so nothing can be
   * checked. Throws when the peer is configured but unreachable or answers with errors.
   */
  unknownKeys(
    subgraph: string,
    typename: string,
    keyField: string,
    keys: string[],
  ): Promise<string[] | undefined>;
}

export interface PeerDirectoryOptions {
  /** GraphQL URLs of other subgraphs by name. */
  peers: Record<string, string>;
  /** The internal token secret: requests go to peers as ANONYMOUS, signed with it. */
  internalTokenSecret: string;
  /** Clock, for tests. */
  now?: () => number;
  /** HTTP client, for tests. */
  fetch?: typeof fetch;
}

interface EntitiesResponse {
  data?: { _entities?: Array<Record<string, unknown> | null> | null } | null;
  errors?: Array<{ message: string }>;
}

/** One per running subgraph: caches keys peers confirmed (per peer and type) for `PEER_KEY_CACHE_TTL_MS`. */
export function createPeerDirectory(options: PeerDirectoryOptions): PeerDirectory {
  const now = options.now ?? Date.now;
  const send = options.fetch ?? fetch;
  /** `<subgraph>/<typename>/<keyField>` → key → expiry time. */
  const known = new Map<string, Map<string, number>>();

  function cacheOf(name: string): Map<string, number> {
    let cache = known.get(name);
    if (!cache) {
      cache = new Map();
      known.set(name, cache);
    }
    return cache;
  }

  return {
    async unknownKeys(subgraph, typename, keyField, keys) {
      const url = options.peers[subgraph];
      if (!url) return undefined;
      if (!NAME.test(typename) || !NAME.test(keyField)) {
        throw new Error(`Invalid type or key field name: ${typename}.${keyField}`);
      }
      const cache = cacheOf(`${subgraph}/${typename}/${keyField}`);
      const time = now();
      const toAsk = [
        ...new Set(
          keys.filter((key) => {
            const expires = cache.get(key);
            if (expires !== undefined && expires > time) return false;
            cache.delete(key);
            return true;
          }),
        ),
      ];
      if (toAsk.length === 0) return [];

      const response = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_TOKEN_HEADER]: await signInternalToken(ANONYMOUS, options.internalTokenSecret),
        },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${keyField} } } }`,
          variables: { r: toAsk.map((key) => ({ __typename: typename, [keyField]: key })) },
        }),
        signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as EntitiesResponse;
      const entities = body.data?._entities;
      if (
        !response.ok ||
        body.errors?.length ||
        !Array.isArray(entities) ||
        entities.length !== toAsk.length
      ) {
        throw new Error(
          `Peer subgraph "${subgraph}" could not check ${typename}.${keyField} (HTTP ${response.status}${
            body.errors?.length ? `: ${body.errors.map((e) => e.message).join('; ')}` : ''
          })`,
        );
      }
      const unknown = new Set<string>();
      toAsk.forEach((key, index) => {
        if (entities[index]) {
          cache.delete(key);
          cache.set(key, time + PEER_KEY_CACHE_TTL_MS);
        } else {
          unknown.add(key);
        }
      });
      while (cache.size > MAX_CACHED_KEYS_PER_PEER) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      return keys.filter((key) => unknown.has(key));
    },
  };
}

import { GraphQLError } from 'graphql';
import { invalidInputs, PEER_UNAVAILABLE_CODE, type FieldError } from './errors';
import {
  ANONYMOUS,
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  subgraphIdentity,
  type InternalSigner,
} from '../writes/identity';
import type { Logger } from '../runtime/logger';
import { injectTraceContext } from '../runtime/tracing';

/** How long a key a peer confirmed is trusted without asking again. */
export const PEER_KEY_CACHE_TTL_MS = 10 * 60 * 1000;
/** Entries kept per peer before the oldest are dropped. */
const MAX_CACHED_KEYS_PER_PEER = 10_000;
/** A peer that does not answer within this time counts as unreachable. */
const PEER_TIMEOUT_MS = 10_000;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The headers of a request to a peer subgraph: JSON, an internal token of an anonymous caller signed by this
 * subgraph for that peer (its own identity, not the gateway's), and the trace context of the request that asks
 * (so the peer's spans join its trace; nothing when tracing is off).
 */
async function peerHeaders(
  signer: InternalSigner | undefined,
  peer: string,
): Promise<Record<string, string>> {
  if (!signer) {
    throw new Error(`No signing key (INTERNAL_SIGNING_KEY) for calls to the ${peer} subgraph`);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [INTERNAL_TOKEN_HEADER]: await signInternalToken(ANONYMOUS, signer, subgraphIdentity(peer)),
  };
  injectTraceContext({ set: (name, value) => (headers[name] = value) });
  return headers;
}

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
  /**
   * Every key of every check must exist in its peer, else BAD_USER_INPUT (`invalidInputs`) naming each
   * unknown key at its path (`input.hostRegions[1]: unknown region "XX99"`, `extensions.unknownKeys`). A peer
   * without a configured URL is not asked (format checks only; warned once per peer); an unreachable peer is
   * `PEER_UNAVAILABLE`, so a write that depends on the check writes nothing.
   */
  assertExist(checks: PeerKeyCheck | readonly PeerKeyCheck[]): Promise<void>;
  /**
   * Runs one GraphQL operation on the peer subgraph `subgraph` as ANONYMOUS (signed internal token) and returns
   * its `{ data }`; `undefined` when no URL is configured for that peer (as `unknownKeys`), so the caller
   * decides what "cannot be asked" means. Throws a `PEER_UNAVAILABLE` GraphQLError (nothing is written) when
   * the peer is unreachable, times out, answers a non-2xx status, no data, or any error (partial answers are
   * never returned); the details go to the log, not to the client.
   */
  query<TData = Record<string, unknown>>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data: TData } | undefined>;
}

/** Keys a peer must know, and where in the request they came from. */
export interface PeerKeyCheck {
  /** The peer's name (`regions`, `events`). */
  subgraph: string;
  /** The entity type, e.g. `Region`. */
  typename: string;
  /** Its key field, e.g. `code`. */
  keyField: string;
  /**
   * One key (reported at `path`) or a list (the key at index i reported at `path[i]`, or at `pathOf(i)` when
   * given).
   */
  keys: string | readonly string[];
  /** Where the keys are in the request: `input.hostRegions`, `input.organisation`, `input.observations`. */
  path: string;
  /**
   * For a list of keys that sit inside a list of input objects: the path of the key at index i, e.g.
   * `(i) => 'input.observations[' + i + '].region'` (default `${path}[${i}]`). All keys go in one request.
   */
  pathOf?: (index: number) => string;
  /** How to name one in a message; default the type name in lower case (`region`). */
  what?: string;
}

export interface PeerDirectoryOptions {
  /** GraphQL URLs of other subgraphs by name. */
  peers: Record<string, string>;
  /**
   * This subgraph's own identity (`hub:subgraph:<name>`) and private key: requests go to peers as ANONYMOUS in a
   * token it signs for each peer's audience. Required as soon as `peers` names a URL.
   */
  signer?: InternalSigner;
  /** Clock, for tests. */
  now?: () => number;
  /** HTTP client, for tests. */
  fetch?: typeof fetch;
  /** Warnings: a peer without URL (once per peer), a peer that could not be reached. */
  logger?: Logger;
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

  const warnedUnconfigured = new Set<string>();

  const directory: PeerDirectory = {
    async assertExist(checks) {
      const list = (Array.isArray(checks) ? checks : [checks]) as readonly PeerKeyCheck[];
      const asked = list.filter((check) => (typeof check.keys === 'string' ? true : check.keys.length > 0));
      const answers = await Promise.all(
        asked.map(async (check) => {
          const keys = typeof check.keys === 'string' ? [check.keys] : [...check.keys];
          try {
            return await directory.unknownKeys(check.subgraph, check.typename, check.keyField, keys);
          } catch (error) {
            options.logger?.warn({ err: error, peer: check.subgraph }, 'peer subgraph could not check keys');
            throw new GraphQLError(
              `The ${check.subgraph} subgraph could not be reached to check ${check.path}; nothing was written. Try again later.`,
              { extensions: { code: PEER_UNAVAILABLE_CODE } },
            );
          }
        }),
      );
      const fieldErrors: FieldError[] = [];
      const unknownKeys = new Set<string>();
      asked.forEach((check, index) => {
        const answer = answers[index];
        if (answer === undefined) {
          if (!warnedUnconfigured.has(check.subgraph)) {
            warnedUnconfigured.add(check.subgraph);
            options.logger?.warn(
              `no ${check.subgraph} subgraph configured (${check.subgraph.toUpperCase()}_SUBGRAPH_URL): keys it owns are checked for format only`,
            );
          }
          return;
        }
        if (answer.length === 0) return;
        const unknown = new Set(answer);
        const what = check.what ?? check.typename.toLowerCase();
        const entries =
          typeof check.keys === 'string'
            ? [[check.path, check.keys] as const]
            : check.keys.map(
                (key, position) =>
                  [check.pathOf ? check.pathOf(position) : `${check.path}[${position}]`, key] as const,
              );
        for (const [path, key] of entries) {
          if (!unknown.has(key)) continue;
          unknownKeys.add(key);
          fieldErrors.push({ path, messages: [`unknown ${what} "${key}"`] });
        }
      });
      if (fieldErrors.length) throw invalidInputs(fieldErrors, { unknownKeys: [...unknownKeys] });
    },

    async query<TData>(subgraph: string, query: string, variables: Record<string, unknown> = {}) {
      const url = options.peers[subgraph];
      if (!url) return undefined;
      const unavailable = (detail: string, error?: unknown) => {
        options.logger?.warn(
          { err: error, peer: subgraph, detail },
          'peer subgraph could not answer a query',
        );
        return new GraphQLError(
          `The ${subgraph} subgraph could not be reached or could not answer; nothing was written. Try again later.`,
          { extensions: { code: PEER_UNAVAILABLE_CODE } },
        );
      };
      let response: Response;
      let body: { data?: TData | null; errors?: Array<{ message: string }> };
      try {
        response = await send(url, {
          method: 'POST',
          headers: await peerHeaders(options.signer, subgraph),
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
        });
        body = (await response.json().catch(() => ({}))) as typeof body;
      } catch (error) {
        throw unavailable('unreachable', error);
      }
      if (!response.ok || body.errors?.length || body.data === undefined || body.data === null) {
        throw unavailable(
          `HTTP ${response.status}${body.errors?.length ? `: ${body.errors.map((e) => e.message).join('; ')}` : ''}`,
        );
      }
      return { data: body.data };
    },

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
        headers: await peerHeaders(options.signer, subgraph),
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
  return directory;
}

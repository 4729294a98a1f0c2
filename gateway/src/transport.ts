import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

/**
 * How the gateway reaches its subgraphs: undici with pooled keep-alive connections and timeouts. Without
 * them (@apollo/gateway's default fetcher) a subgraph that stops answering holds every request that needs it
 * for as long as the client waits, and each request may open a new connection.
 */
export interface SubgraphTransportSettings {
  /** Longest wait for a TCP connection to a subgraph. */
  connectTimeoutMs: number;
  /** Longest a subgraph may take to answer one request (headers and body); then the fetch fails. */
  requestTimeoutMs: number;
  /** How long an idle connection is kept for the next request (below the subgraphs' own 5 s). */
  keepAliveTimeoutMs: number;
  /** Most connections open to one subgraph at once; further requests queue for one. */
  connectionsPerSubgraph: number;
}

export const DEFAULT_SUBGRAPH_TRANSPORT: Readonly<SubgraphTransportSettings> = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 4_000,
  connectionsPerSubgraph: 64,
};

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** One pool of connections per subgraph origin, shared by all requests; `close()` ends them. */
export function createSubgraphTransport(settings: SubgraphTransportSettings): {
  fetcher: Fetcher;
  close(): Promise<void>;
} {
  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.requestTimeoutMs,
    bodyTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    connections: settings.connectionsPerSubgraph,
  });
  const fetcher = ((url: string, init?: Parameters<typeof fetch>[1]) =>
    fetch(url, {
      ...init,
      dispatcher: agent,
      signal: AbortSignal.timeout(settings.requestTimeoutMs),
    })) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}

/**
 * Headers of a client's request the gateway sends on to every subgraph fetch it causes: only what changes how
 * a subgraph words its answer (`accept-language`: the language of labels). Identity headers never go on (see
 * `isIdentityHeader`); the response cache keys on the language these headers choose (`labelLanguageOf`).
 */
export const FORWARDED_CLIENT_HEADERS = ['accept-language'] as const;

/** The languages subgraphs label data in (the indicators subgraph's `Language`), lower-case. */
export const LABEL_LANGUAGES = ['en', 'fr', 'de'] as const;

interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * Copies {@link FORWARDED_CLIENT_HEADERS} from the client's request (absent for the gateway's own operations,
 * whose documents name their language) to a subgraph fetch. `options`: what `willSendRequest` receives.
 */
export function forwardClientHeaders(
  options: { incomingRequestContext?: { request: { http?: { headers: HeaderReader } } } } | object,
  outgoing: { set(name: string, value: string): void },
): void {
  const incoming =
    'incomingRequestContext' in options ? options.incomingRequestContext?.request.http?.headers : undefined;
  if (!incoming) return;
  for (const name of FORWARDED_CLIENT_HEADERS) {
    const value = incoming.get(name);
    // a bounded length: a header is sent on to every fetch of the request
    if (value && value.length <= 256) outgoing.set(name, value);
  }
}

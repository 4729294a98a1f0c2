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

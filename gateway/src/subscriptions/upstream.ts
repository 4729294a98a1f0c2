import {
  ANONYMOUS,
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  subgraphIdentity,
  type Caller,
  type InternalSigner,
  type Logger,
} from '@hub/kit';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** How often the gateway pings a subgraph socket, and how long it waits for the pong before giving up. */
export const UPSTREAM_KEEP_ALIVE_MS = 12_000;
/** How long a subgraph may take to acknowledge a connection. */
export const UPSTREAM_ACK_TIMEOUT_MS = 10_000;

/** The primary fetch of a plan, as sent to the owning subgraph. */
export interface UpstreamRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** Receives one upstream subscription; exactly one of `error` and `complete` ends it. */
export interface UpstreamSink {
  next(result: FormattedExecutionResult): void;
  /** A close event, a socket error, or the subgraph's `error` message (an array of GraphQL errors). */
  error(reason: unknown): void;
  complete(): void;
}

/** The subgraph's graphql-ws URL: its HTTP URL with `http`→`ws` (same path, as the kit serves it). */
export function upstreamWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Who the subgraph sees: every anonymous caller shares one identity (and socket) per subgraph; a signed-in
 * caller gets its own, keyed by everything the internal token carries.
 */
export function identityKey(caller: Caller): string {
  if (caller.subject === null) return 'anonymous';
  return JSON.stringify([
    caller.subject,
    caller.organisationId,
    [...caller.roles].sort(),
    caller.displayName,
  ]);
}

/** A client whose socket never opened rejects `dispose()`: there is nothing to close then. */
function disposeQuietly(client: Client): Promise<void> {
  return Promise.resolve(client.dispose()).catch(() => undefined);
}

interface UpstreamClient {
  client: Client;
  subscriptions: number;
}

/**
 * graphql-ws clients towards the subgraphs, one per (subgraph, caller identity), each sharing one socket
 * among its subscriptions. A client exists while it has subscriptions and is disposed with its last one.
 *
 * The caller travels in `connectionParams['x-hub-internal-token']`, signed when the socket opens (a function,
 * so a new socket gets a fresh token: they live 60 s and are checked at connect only). There are no retries:
 * when a socket closes, every subscription on it ends with an error and the client's subscription is ended
 * with SUBGRAPH_UNAVAILABLE, rather than silently re-subscribing across a gap in which events were lost.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, UpstreamClient>();

  constructor(
    private readonly options: {
      /** The subgraph's HTTP URL (override or supergraph), by its name in the supergraph. */
      subgraphUrl: (serviceName: string) => string | undefined;
      /** The gateway's signer: each upstream socket gets a token for its subgraph's audience. */
      internalSigner: InternalSigner;
      logger: Logger;
      keepAliveMs?: number;
    },
  ) {}

  /** Opens one upstream subscription; the returned function ends it (at once, also while still connecting). */
  subscribe(serviceName: string, caller: Caller, request: UpstreamRequest, sink: UpstreamSink): () => void {
    const key = `${serviceName}\n${identityKey(caller)}`;
    let entry = this.clients.get(key);
    if (!entry) {
      const url = this.options.subgraphUrl(serviceName);
      if (!url) throw new Error(`No URL for subgraph "${serviceName}"`);
      const created: UpstreamClient = { subscriptions: 0 } as UpstreamClient;
      created.client = this.createClient(serviceName, url, caller, () => created.subscriptions > 0);
      entry = created;
      this.clients.set(key, entry);
    }
    const current = entry;
    current.subscriptions += 1;

    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      current.subscriptions -= 1;
      if (current.subscriptions === 0 && this.clients.get(key) === current) {
        this.clients.delete(key);
        disposeQuietly(current.client);
      }
    };
    const unsubscribe = current.client.subscribe(request, {
      next: (result) => {
        if (!released) sink.next(result as FormattedExecutionResult);
      },
      error: (reason) => {
        if (released) return;
        release();
        sink.error(reason);
      },
      complete: () => {
        if (released) return;
        release();
        sink.complete();
      },
    });
    return () => {
      unsubscribe();
      release();
    };
  }

  /** Upstream clients (sockets, once connected) currently held. */
  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map(({ client }) => disposeQuietly(client)));
  }

  private createClient(serviceName: string, httpUrl: string, caller: Caller, inUse: () => boolean): Client {
    const { internalSigner, logger } = this.options;
    const keepAliveMs = this.options.keepAliveMs ?? UPSTREAM_KEEP_ALIVE_MS;
    const signedIn = caller !== ANONYMOUS && caller.subject !== null;
    let pongWait: NodeJS.Timeout | undefined;
    let closedUnderUse = false;
    const client: Client = createClient({
      url: upstreamWebSocketUrl(httpUrl),
      webSocketImpl: WebSocket,
      connectionParams: async () => {
        // graphql-ws reconnects and re-subscribes by itself after a 1000 close, whatever `retryAttempts` says:
        // failing that reconnect ends those subscriptions like any other close (no silent gap in events)
        if (closedUnderUse) throw new Error(`Subgraph "${serviceName}" closed the connection`);
        return {
          [INTERNAL_TOKEN_HEADER]: await signInternalToken(
            caller,
            internalSigner,
            subgraphIdentity(serviceName),
          ),
        };
      },
      lazy: true,
      retryAttempts: 0,
      connectionAckWaitTimeout: UPSTREAM_ACK_TIMEOUT_MS,
      keepAlive: keepAliveMs,
      on: {
        // a subgraph that stops answering pings is gone even if TCP has not noticed yet
        ping: (received) => {
          if (received) return;
          clearTimeout(pongWait);
          pongWait = setTimeout(() => client.terminate(), keepAliveMs);
          pongWait.unref();
        },
        pong: (received) => {
          if (received) clearTimeout(pongWait);
        },
        closed: (event) => {
          clearTimeout(pongWait);
          const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
          // the client is discarded with its last subscription, so a close under use is never our own
          if (inUse()) closedUnderUse = true;
          logger.debug(
            { subgraph: serviceName, signedIn, code, reason },
            'upstream subscription socket closed',
          );
        },
      },
    });
    return client;
  }
}

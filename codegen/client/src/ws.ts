import { createClient, type Client } from 'graphql-ws/client';
import { backoffDelay, type RetryOptions } from './backoff.js';
import { HubError, isCloseEvent, toHubError } from './errors.js';
import { deliver, type HubSink, type SubscriptionResult, type Unsubscribe } from './sink.js';
import { readToken, type TokenSource } from './token.js';

/** The close code graphql-ws servers use for a refused or expired token. */
const UNAUTHORIZED_CLOSE_CODE = 4401;

export interface WsConnectionOptions {
  /** ws:// or wss:// URL of the gateway's GraphQL endpoint. */
  url: string;
  token: TokenSource | undefined;
  /** A WebSocket constructor (e.g. `ws`'s on Node 20); the global one by default. */
  webSocketImpl: unknown;
  retry: Required<RetryOptions>;
}

export interface WsConnection {
  subscribe<TData>(
    request: { query: string; operationName?: string; variables?: Record<string, unknown> },
    sink: HubSink<TData>,
  ): Unsubscribe;
  dispose(): Promise<void>;
}

/**
 * One lazy graphql-ws connection shared by every subscription of a client: it opens with the first
 * subscription and closes with the last. The token is read on every (re)connection (`connectionParams`), so
 * a token function hands a fresh one to each; lost connections are retried with backoff. When the gateway
 * closes the socket because the token expired (4401), graphql-ws gives up on it: the subscriptions that had
 * been running on an accepted token subscribe again, which opens a new connection with a fresh token.
 */
export function createWsConnection(options: WsConnectionOptions): WsConnection {
  // counts acknowledged connections, to tell an expired token (accepted earlier) from a refused one
  let acknowledged = 0;
  let open = false;
  const client: Client = createClient({
    url: options.url,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    lazy: true,
    connectionParams: async () => {
      const token = await readToken(options.token);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: options.retry.attempts,
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, options.retry))),
    // network failures (no close event) are worth retrying too; graphql-ws still never retries fatal codes
    shouldRetry: () => true,
    on: {
      connected: () => {
        acknowledged++;
        open = true;
      },
      closed: () => {
        open = false;
      },
    },
  });

  return {
    subscribe<TData>(
      request: { query: string; operationName?: string; variables?: Record<string, unknown> },
      sink: HubSink<TData>,
    ): Unsubscribe {
      let stopped = false;
      let stop: () => void = () => undefined;
      const end = (error?: HubError) => {
        if (stopped) return;
        stopped = true;
        stop();
        if (error) sink.error?.(error);
        else sink.complete?.();
      };
      const start = () => {
        // connections acknowledged while this subscription runs prove its token was accepted
        const since = acknowledged - (open ? 1 : 0);
        stop = client.subscribe<Record<string, unknown>>(request, {
          next: (result) => {
            const error = deliver(sink, result as SubscriptionResult<TData>);
            if (error) end(error);
          },
          error: (error) => {
            if (stopped) return;
            const expired =
              isCloseEvent(error) &&
              error.code === UNAUTHORIZED_CLOSE_CODE &&
              typeof options.token === 'function' &&
              acknowledged > since;
            if (expired) start();
            else end(toHubError(error));
          },
          complete: () => end(),
        });
      };
      start();
      return () => {
        if (stopped) return;
        stopped = true;
        stop();
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

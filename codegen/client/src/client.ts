import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import { DEFAULT_RETRY, type RetryOptions } from './backoff.js';
import { printOperation } from './documents.js';
import { CLIENT_ERROR_CODES, HubError } from './errors.js';
import type { HubSink, Unsubscribe } from './sink.js';
import { subscribeOverSse } from './sse.js';
import { authorizationHeader, readToken, type TokenSource } from './token.js';
import { createWsConnection, type WsConnection } from './ws.js';

export interface HubClientOptions {
  /** The hub's GraphQL endpoint, e.g. https://hub.example/graphql. */
  url: string | URL;
  /** Your token (`Authorization: Bearer …`), or a function giving the current one; none: anonymous. */
  token?: TokenSource;
  /** The fetch to use (default: the global one, Node 20+ and browsers). */
  fetch?: typeof fetch;
  /**
   * The WebSocket constructor for `subscribe` (default: the global one, in browsers and Node 22+). On Node 20,
   * pass the `ws` package's: `import WebSocket from 'ws'`.
   */
  webSocketImpl?: unknown;
  /** graphql-ws endpoint; default: `url` with ws:// or wss://. */
  wsUrl?: string | URL;
  /** Server-Sent Events endpoint; default: `url` + `/stream`. */
  sseUrl?: string | URL;
  /** Extra headers on every HTTP request (e.g. a user agent naming your application). */
  headers?: Record<string, string>;
  /** How live subscriptions reconnect (both transports). */
  retry?: RetryOptions;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Variables may be left out when the operation has no required one. */
type RequestArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

type SubscribeArgs<TData, TVariables> =
  Record<string, never> extends TVariables
    ? [variables: TVariables | undefined, sink: HubSink<TData>]
    : [variables: TVariables, sink: HubSink<TData>];

export interface HubClient {
  /**
   * Runs a query or mutation over HTTP and resolves with its typed `data`; throws a `HubError` when the
   * answer has errors (its `code` is the first error's `extensions.code`, its `data` any partial answer).
   */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: RequestArgs<TVariables>
  ): Promise<TData>;
  /** A live subscription over graphql-ws (one shared connection per client); returns the function that stops it. */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: SubscribeArgs<TData, TVariables>
  ): Unsubscribe;
  /** The same over Server-Sent Events (one HTTP stream per subscription), for networks that block WebSockets. */
  subscribeSse<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: SubscribeArgs<TData, TVariables>
  ): Unsubscribe;
  /** Ends every subscription and closes the WebSocket connection. */
  dispose(): Promise<void>;
}

/** A client of the hub's GraphQL API, for Node.js 20+ and browsers. */
export function createHubClient(options: HubClientOptions): HubClient {
  const url = String(options.url);
  const wsUrl = String(options.wsUrl ?? url.replace(/^http/i, 'ws'));
  const sseUrl = String(options.sseUrl ?? `${url.replace(/\/+$/, '')}/stream`);
  // called through a function: browsers refuse `fetch` called as a method of another object
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers = options.headers ?? {};
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  let ws: WsConnection | undefined;
  const sseSubscriptions = new Set<Unsubscribe>();

  async function post(body: string, token: string | undefined, signal: AbortSignal | undefined) {
    try {
      return await fetchImpl(url, {
        method: 'POST',
        // a JSON body is what the gateway's CSRF protection asks of a POST (no simple request)
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...headers,
          ...authorizationHeader(token),
        },
        body,
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const message = cause instanceof Error ? cause.message : 'The request failed.';
      throw new HubError(message, CLIENT_ERROR_CODES.network, { cause });
    }
  }

  return {
    async request<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      ...[variables, requestOptions]: RequestArgs<TVariables>
    ): Promise<TData> {
      const { query, operationName } = printOperation(document);
      const body = JSON.stringify({ query, operationName, ...(variables ? { variables } : {}) });
      const signal = requestOptions?.signal;
      const token = await readToken(options.token);
      let response = await post(body, token, signal);
      // a refused token: once more with a token read afresh (nothing ran: the gateway checks it first)
      if (response.status === 401 && typeof options.token === 'function') {
        const fresh = await readToken(options.token);
        if (fresh !== token) {
          await response.body?.cancel();
          response = await post(body, fresh, signal);
        }
      }
      const text = await response.text();
      let result: { data?: TData | null; errors?: GraphQLFormattedError[] };
      try {
        result = JSON.parse(text) as typeof result;
      } catch (cause) {
        throw new HubError(
          `The hub answered HTTP ${response.status} without a GraphQL response.`,
          CLIENT_ERROR_CODES.badResponse,
          { status: response.status, cause },
        );
      }
      if (result.errors?.length) {
        throw HubError.fromGraphQLErrors(result.errors, { status: response.status, data: result.data });
      }
      if (result.data === undefined || result.data === null) {
        throw new HubError('The hub answered without data.', CLIENT_ERROR_CODES.badResponse, {
          status: response.status,
        });
      }
      return result.data;
    },

    subscribe<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      ...[variables, sink]: SubscribeArgs<TData, TVariables>
    ): Unsubscribe {
      const { query, operationName } = printOperation(document);
      ws ??= createWsConnection({
        url: wsUrl,
        token: options.token,
        webSocketImpl: options.webSocketImpl,
        retry,
      });
      return ws.subscribe<TData>(
        { query, ...(operationName ? { operationName } : {}), ...(variables ? { variables } : {}) },
        sink,
      );
    },

    subscribeSse<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      ...[variables, sink]: SubscribeArgs<TData, TVariables>
    ): Unsubscribe {
      const { query, operationName } = printOperation(document);
      const forget = (): void => void sseSubscriptions.delete(unsubscribe);
      const unsubscribe = subscribeOverSse<TData>(
        {
          url: sseUrl,
          query,
          operationName,
          variables,
          token: options.token,
          fetch: fetchImpl,
          headers,
          retry,
        },
        {
          next: (data, errors) => sink.next(data, errors),
          reset: () => sink.reset?.(),
          error: (error) => {
            forget();
            sink.error?.(error);
          },
          complete: () => {
            forget();
            sink.complete?.();
          },
        },
      );
      sseSubscriptions.add(unsubscribe);
      return () => {
        forget();
        unsubscribe();
      };
    },

    async dispose() {
      for (const unsubscribe of sseSubscriptions) unsubscribe();
      sseSubscriptions.clear();
      await ws?.dispose();
      ws = undefined;
    },
  };
}

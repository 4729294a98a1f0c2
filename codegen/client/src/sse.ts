import type { GraphQLFormattedError } from 'graphql';
import { backoffDelay, sleep, type RetryOptions } from './backoff.js';
import { CLIENT_ERROR_CODES, HubError, toHubError } from './errors.js';
import { readSseMessages } from './sse-parser.js';
import {
  deliver,
  isUnauthenticated,
  type HubSink,
  type SubscriptionResult,
  type Unsubscribe,
} from './sink.js';
import { authorizationHeader, readToken, type TokenSource } from './token.js';

export interface SseSubscriptionOptions {
  /** The gateway's SSE endpoint, e.g. https://hub.example/graphql/stream. */
  url: string;
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  token: TokenSource | undefined;
  fetch: typeof fetch;
  headers: Record<string, string>;
  retry: Required<RetryOptions>;
}

type Outcome =
  | { kind: 'complete' }
  /** the stream ended without `complete` (a gateway stopping), or the network failed: reconnect after a wait */
  | { kind: 'dropped'; error: HubError }
  /** the hub ended the stream because the token expired: reconnect at once with a fresh token */
  | { kind: 'token-expired'; error: HubError }
  | { kind: 'failed'; error: HubError };

/**
 * A subscription over the gateway's Server-Sent Events endpoint (`GET /graphql/stream?query=…&variables=…`),
 * read with `fetch` streaming so the token goes in the `Authorization` header (an `EventSource` cannot send
 * headers). Reconnects with backoff when the stream drops, and at once, with a token read afresh, when the
 * hub ends it because the token expired. A reconnection sends `Last-Event-ID`: the hub replays what was
 * published meanwhile, or says `reset` (then `sink.reset`) when it cannot.
 */
export function subscribeOverSse<TData>(options: SseSubscriptionOptions, sink: HubSink<TData>): Unsubscribe {
  const controller = new AbortController();
  let ended = false;
  const end = (error?: HubError) => {
    if (ended) return;
    ended = true;
    controller.abort();
    if (error) sink.error?.(error);
    else sink.complete?.();
  };

  const url = new URL(options.url);
  url.searchParams.set('query', options.query);
  if (options.variables && Object.keys(options.variables).length) {
    url.searchParams.set('variables', JSON.stringify(options.variables));
  }
  if (options.operationName) url.searchParams.set('operationName', options.operationName);

  /** The id of the last message (or position) the hub sent: on reconnection it replays what came after. */
  let lastEventId: string | undefined;

  /** One connection: until the stream completes, drops or fails. */
  const connect = async (onOpen: () => void): Promise<Outcome> => {
    let response: Response;
    try {
      const token = await readToken(options.token);
      response = await options.fetch(url, {
        headers: {
          accept: 'text/event-stream',
          ...options.headers,
          ...authorizationHeader(token),
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (error) {
      return { kind: 'dropped', error: toHubError(error) };
    }
    if (!response.ok) {
      const error = await errorOfResponse(response);
      // 5xx: the gateway is stopping or a dependency is down, worth another try; 4xx will not change
      return response.status >= 500 || response.status === 429
        ? { kind: 'dropped', error }
        : { kind: response.status === 401 ? 'token-expired' : 'failed', error };
    }
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return {
        kind: 'failed',
        error: new HubError('The hub did not answer with an event stream.', CLIENT_ERROR_CODES.badResponse, {
          status: response.status,
        }),
      };
    }
    onOpen();
    try {
      for await (const message of readSseMessages(response.body)) {
        if (message.id !== undefined) lastEventId = message.id;
        if (message.event === 'complete') return { kind: 'complete' };
        if (message.event === 'reset') {
          sink.reset?.();
          continue;
        }
        if (message.event !== 'next') continue;
        let result: SubscriptionResult<TData>;
        try {
          result = JSON.parse(message.data) as SubscriptionResult<TData>;
        } catch (cause) {
          const error = new HubError(
            'A message of the event stream is not JSON.',
            CLIENT_ERROR_CODES.badResponse,
            {
              cause,
            },
          );
          return { kind: 'failed', error };
        }
        if (isUnauthenticated(result)) {
          return { kind: 'token-expired', error: HubError.fromGraphQLErrors(result.errors ?? []) };
        }
        const error = deliver(sink, result);
        if (error) return { kind: 'failed', error };
      }
      return {
        kind: 'dropped',
        error: new HubError('The event stream ended early.', CLIENT_ERROR_CODES.connectionClosed),
      };
    } catch (error) {
      return { kind: 'dropped', error: toHubError(error) };
    }
  };

  void (async () => {
    let attempt = 0;
    // a refused token is retried once with a token read afresh; twice in a row without a message between is final
    let refreshedAfterOpen = false;
    while (!ended) {
      const outcome = await connect(() => {
        attempt = 0;
        refreshedAfterOpen = false;
      });
      if (ended) return;
      if (outcome.kind === 'complete') return end();
      if (outcome.kind === 'failed') return end(outcome.error);
      if (outcome.kind === 'token-expired') {
        if (typeof options.token !== 'function' || refreshedAfterOpen) return end(outcome.error);
        refreshedAfterOpen = true;
        continue;
      }
      if (attempt >= options.retry.attempts) return end(outcome.error);
      await sleep(backoffDelay(attempt++, options.retry), controller.signal);
    }
  })();

  return () => {
    if (ended) return;
    ended = true;
    controller.abort();
  };
}

/** The GraphQL errors of a refused request (the gateway answers them as JSON), else an error naming the status. */
async function errorOfResponse(response: Response): Promise<HubError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: GraphQLFormattedError[] };
    if (Array.isArray(body.errors) && body.errors.length) {
      return HubError.fromGraphQLErrors(body.errors, { status: response.status });
    }
  } catch {
    // not JSON: a proxy's error page
  }
  return new HubError(`The hub answered HTTP ${response.status}.`, CLIENT_ERROR_CODES.badResponse, {
    status: response.status,
  });
}

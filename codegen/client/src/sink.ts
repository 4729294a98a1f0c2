import type { GraphQLFormattedError } from 'graphql';
import { HubError } from './errors.js';

/** Receives a live subscription's messages. */
export interface HubSink<TData> {
  /** One message; `errors` when part of it could not be read (the rest of `data` is still there). */
  next(data: TData, errors?: readonly GraphQLFormattedError[]): void;
  /** The subscription ended with an error (after reconnecting failed, or an error the hub will not undo). */
  error?(error: HubError): void;
  /** The hub ended the subscription. */
  complete?(): void;
  /**
   * Over SSE, after a reconnection: the hub could not replay the messages published meanwhile (another gateway
   * process, or too long ago), so some were missed; read the current state again. Messages it could replay
   * simply arrive through `next`.
   */
  reset?(): void;
}

/** Stops a live subscription (and its connection when nothing else uses it); safe to call more than once. */
export type Unsubscribe = () => void;

export interface SubscriptionResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Hands one result to the sink: data (with any errors) to `next`; errors without data are an error of the
 * whole subscription, returned for the caller to end it with.
 */
export function deliver<TData>(
  sink: HubSink<TData>,
  result: SubscriptionResult<TData>,
): HubError | undefined {
  if (result.data !== undefined && result.data !== null) {
    sink.next(result.data, result.errors?.length ? result.errors : undefined);
    return undefined;
  }
  if (result.errors?.length) return HubError.fromGraphQLErrors(result.errors);
  return new HubError('A subscription message without data or errors.', 'BAD_RESPONSE');
}

/** True when the hub ended a live subscription because its token expired (reconnect with a fresh one). */
export function isUnauthenticated(result: SubscriptionResult<unknown>): boolean {
  return (
    (result.data === undefined || result.data === null) &&
    !!result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')
  );
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createGatewayErrorFormatter, type ErrorFormatterOptions } from '../errors';

/** Codes the subscription transports add to the client codes HTTP already uses. */
export const SUBSCRIPTION_ERROR_CODES = {
  /** One subscription more than `maxPerSocket` on one graphql-ws connection. */
  tooMany: 'TOO_MANY_SUBSCRIPTIONS',
  /** The owning subgraph closed or lost the upstream subscription; the client's subscription ends. */
  unavailable: 'SUBGRAPH_UNAVAILABLE',
  /** The client reads events more slowly than they arrive; its subscription ends rather than lose events. */
  tooSlow: 'TOO_MANY_PENDING_EVENTS',
  /** The gateway is stopping and takes no new subscriptions (SSE answers 503 with it). */
  shuttingDown: 'SHUTTING_DOWN',
} as const;

export const SUBGRAPH_UNAVAILABLE_MESSAGE =
  'The service behind this subscription closed it (restart or outage); events may have been missed. Subscribe again.';

/**
 * A GraphQLError whose JSON is exactly the given, already masked form. graphql-ws serialises errors with
 * `toJSON()` and Apollo's `formatError` never runs on this path, so whatever reaches a client is one of these.
 */
export class MaskedGraphQLError extends GraphQLError {
  constructor(readonly formatted: GraphQLFormattedError) {
    super(formatted.message, { extensions: formatted.extensions });
    this.name = 'MaskedGraphQLError';
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/** An error the gateway itself raises with a code clients may see (the text is ours, so nothing to mask). */
export function gatewayError(message: string, code: string): MaskedGraphQLError {
  return new MaskedGraphQLError({ message, extensions: { code } });
}

/** Turns anything thrown or reported into what a client may see; idempotent. */
export type ErrorMasker = (error: unknown) => MaskedGraphQLError;

/**
 * Masks like HTTP (the gateway's `formatError`): client codes pass with their message and declared
 * extensions, anything else becomes `Internal server error` and is logged with its original. Plain `Error`s
 * (a subgraph that cannot be reached) are wrapped first: graphql-ws would crash on an error without `toJSON`.
 */
export function createSubscriptionErrorMasker(options: ErrorFormatterOptions): ErrorMasker {
  const format = createGatewayErrorFormatter(options);
  return (error) => {
    if (error instanceof MaskedGraphQLError) return error;
    const graphQLError =
      error instanceof GraphQLError
        ? error
        : new GraphQLError(error instanceof Error ? error.message : String(error), {
            originalError: error instanceof Error ? error : undefined,
          });
    return new MaskedGraphQLError(format(graphQLError.toJSON(), graphQLError));
  };
}

/** Errors a subgraph reported in JSON, as GraphQLErrors naming the subgraph (so request codes get masked). */
export function subgraphErrors(
  errors: readonly GraphQLFormattedError[],
  serviceName: string,
): GraphQLError[] {
  return errors.map(
    (error) =>
      new GraphQLError(typeof error.message === 'string' ? error.message : 'Subgraph error', {
        ...(error.path ? { path: error.path } : {}),
        extensions: { ...error.extensions, serviceName },
      }),
  );
}

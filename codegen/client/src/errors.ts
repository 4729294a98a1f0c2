import type { GraphQLFormattedError } from 'graphql';

/**
 * Codes the client itself gives a failure that carries no GraphQL error: the network failed, the answer was
 * not a GraphQL response, or a live connection was closed for good.
 */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
  connectionClosed: 'CONNECTION_CLOSED',
} as const;

/** graphql-ws close codes the gateway uses, as the error code a request over HTTP would carry. */
const CLOSE_CODE_ERRORS: Record<number, string> = {
  4400: 'BAD_REQUEST',
  4401: 'UNAUTHENTICATED',
  4403: 'FORBIDDEN',
  4500: 'INTERNAL_SERVER_ERROR',
};

export interface HubErrorDetails {
  /** The GraphQL errors of the answer, each with its `extensions` (e.g. `fieldErrors`, `currentVersion`). */
  errors?: readonly GraphQLFormattedError[];
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /** The data that came with the errors (a partial answer), if any. */
  data?: unknown;
  /** The WebSocket close code, when a live connection was closed. */
  closeCode?: number;
  cause?: unknown;
}

/**
 * What the client throws (requests) or hands to `sink.error` (subscriptions): `code` is the first error's
 * `extensions.code` (`UNAUTHENTICATED`, `FORBIDDEN`, `BAD_USER_INPUT`, `CONFLICT`, `NOT_FOUND`, …) or one of
 * `CLIENT_ERROR_CODES`; `errors` holds every GraphQL error as the hub sent it.
 */
export class HubError extends Error {
  override readonly name = 'HubError';
  readonly code: string;
  readonly errors: readonly GraphQLFormattedError[];
  readonly status: number | undefined;
  readonly data: unknown;
  readonly closeCode: number | undefined;

  constructor(message: string, code: string, details: HubErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.errors = details.errors ?? [];
    this.status = details.status;
    this.data = details.data;
    this.closeCode = details.closeCode;
  }

  /** The `extensions.code` of every error, in order (`INTERNAL_SERVER_ERROR` where one has none). */
  get codes(): string[] {
    return this.errors.map(codeOf);
  }

  /** From the `errors` of a GraphQL answer (at least one). */
  static fromGraphQLErrors(
    errors: readonly GraphQLFormattedError[],
    details: Omit<HubErrorDetails, 'errors'> = {},
  ): HubError {
    const first = errors[0];
    return new HubError(
      first?.message ?? 'GraphQL error',
      first ? codeOf(first) : CLIENT_ERROR_CODES.badResponse,
      {
        ...details,
        errors,
      },
    );
  }

  /** From a closed graphql-ws connection (a close event with a code and reason). */
  static fromClose(event: { code: number; reason: string }): HubError {
    const code = CLOSE_CODE_ERRORS[event.code] ?? CLIENT_ERROR_CODES.connectionClosed;
    const message = event.reason || `The connection closed with code ${event.code}.`;
    return new HubError(message, code, { closeCode: event.code });
  }
}

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Any failure as a HubError (errors that already are one pass through). */
export function toHubError(error: unknown): HubError {
  if (error instanceof HubError) return error;
  if (Array.isArray(error)) return HubError.fromGraphQLErrors(error as GraphQLFormattedError[]);
  if (isCloseEvent(error)) return HubError.fromClose(error);
  const message = error instanceof Error ? error.message : 'The connection to the hub failed.';
  return new HubError(message, CLIENT_ERROR_CODES.network, { cause: error });
}

export function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'number' &&
    'reason' in value
  );
}

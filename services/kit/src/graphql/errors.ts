import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from 'pino';
import { fieldErrorsOf } from './validation';

/**
 * A write needed another subgraph (a peer) to confirm keys and could not reach it: nothing was written, the
 * client may try again later.
 */
export const PEER_UNAVAILABLE_CODE = 'PEER_UNAVAILABLE';

/** Error codes a client may see; anything else is masked as INTERNAL_SERVER_ERROR. */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'RATE_LIMITED',
  PEER_UNAVAILABLE_CODE,
]);

/** What is wrong with one argument or input field: its path (`input.hostRegions[1]`) and the messages. */
export interface FieldError {
  path: string;
  messages: string[];
}

/**
 * The one shape of every BAD_USER_INPUT: `extensions.fieldErrors: [{ path, messages }]` and the message
 * `Invalid input: <path>: <message>; <message> · <path>: …`. Paths start with the argument name, then `.field`
 * and `[index]`: `input.hostRegions[1]`, `filter.region`, `regions[0]`, `first`. `extra` adds declared
 * extensions (e.g. `{ unknownKeys }`).
 */
export function invalidInputs(fieldErrors: FieldError[], extra: Record<string, unknown> = {}): GraphQLError {
  const summary = fieldErrors.map((field) => `${field.path}: ${field.messages.join('; ')}`).join(' · ');
  return new GraphQLError(`Invalid input: ${summary}`, {
    extensions: { code: 'BAD_USER_INPUT', fieldErrors, ...extra },
  });
}

/** `invalidInputs` for one path: `invalidInput('input.since', 'must not be in the future')`. */
export function invalidInput(
  path: string,
  messages: string | string[],
  extra: Record<string, unknown> = {},
): GraphQLError {
  return invalidInputs([{ path, messages: Array.isArray(messages) ? messages : [messages] }], extra);
}

/** A write lost to another (stale `version`, a used idempotency key, a duplicate): CONFLICT with `extra`. */
export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...extra } });
}

/**
 * An illegal status move (`what` is the record's noun): CONFLICT carrying the status the record has, e.g.
 * `Only a DRAFT consultation can become OPEN; this one is CLOSED.` with `currentStatus: 'CLOSED'`.
 */
export function statusConflict(
  what: string,
  move: { from: string; to: string },
  status: string,
): GraphQLError {
  return conflict(`Only a ${move.from} ${what} can become ${move.to}; this one is ${status}.`, {
    currentStatus: status,
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** type-graphql's own ArgumentValidationError (schemas built without `validateArgument`) → the one shape. */
function formatValidationError(
  formatted: GraphQLFormattedError,
  violations: ValidationError[],
): GraphQLFormattedError {
  const error = invalidInputs(fieldErrorsOf(violations, ''));
  return {
    message: error.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: error.extensions,
  };
}

/**
 * Builds a `formatError` that passes client errors through unchanged (minus stack traces) and replaces
 * everything else with a generic message, logging the original once.
 */
export function createErrorMasker(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const violations = formatted.extensions?.validationErrors;
    if (code === 'BAD_USER_INPUT' && Array.isArray(violations)) {
      return formatValidationError(formatted, violations as ValidationError[]);
    }
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error }, 'unexpected error while serving a GraphQL request');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

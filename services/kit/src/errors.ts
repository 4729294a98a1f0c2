import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

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
]);

/** A client error on an argument: names the argument so callers can fix their request. */
export function badUserInput(
  message: string,
  argumentName?: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), ...extra },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * Builds a `formatError` that passes client errors through unchanged (minus stack traces) and replaces
 * everything else with a generic message, logging the original once.
 */
interface FieldViolation {
  property: string;
  constraints?: Record<string, string>;
  children?: FieldViolation[];
}

/** Flattens class-validator errors into `{ path, messages }`, e.g. `input.websiteUrl`. */
function flattenViolations(
  violations: FieldViolation[],
  prefix: string,
): Array<{ path: string; messages: string[] }> {
  return violations.flatMap((violation) => {
    const path = prefix ? `${prefix}.${violation.property}` : violation.property;
    const own = violation.constraints ? [{ path, messages: Object.values(violation.constraints) }] : [];
    return [...own, ...flattenViolations(violation.children ?? [], path)];
  });
}

/** type-graphql's validation error → BAD_USER_INPUT naming each field and what is wrong with it. */
function formatValidationError(
  formatted: GraphQLFormattedError,
  violations: FieldViolation[],
): GraphQLFormattedError {
  const fieldErrors = flattenViolations(violations, '');
  const summary = fieldErrors.map((field) => `${field.path}: ${field.messages.join('; ')}`).join(' · ');
  return {
    message: `Invalid input: ${summary}`,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'BAD_USER_INPUT', fieldErrors },
  };
}

export function createErrorMasker(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const violations = formatted.extensions?.validationErrors;
    if (code === 'BAD_USER_INPUT' && Array.isArray(violations)) {
      return formatValidationError(formatted, violations as FieldViolation[]);
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

import { CLIENT_ERROR_CODES, type Logger } from '@hub/kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { exceedsTokenLimit, isLimitErrorCode, tooManyTokensError } from './limits';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * Extensions besides `code` that a client may see, each with the shape it must have: the argument details
 * set by the kit's `badUserInput`, the per-field messages of a validation error (`fieldErrors`, on
 * BAD_USER_INPUT) and the version a stale write lost to (`currentVersion`, on CONFLICT), the `row` and `field` of a bad row
 * in a bulk input, and when to retry a rate-limited write (`retryAfterSeconds`). Everything else is
 * dropped, in particular what @apollo/gateway adds to subgraph errors (`serviceName`, `response` with the
 * subgraph URL and body, and whatever the subgraph itself put there: `stacktrace`, `exception`).
 */
const CLIENT_EXTENSIONS: Readonly<Record<string, (value: unknown) => unknown>> = {
  argumentName: (value) => (typeof value === 'string' ? value : undefined),
  allowedRange: (value) => value,
  fieldErrors: fieldErrorsOf,
  currentVersion: (value) => (typeof value === 'number' || typeof value === 'string' ? value : undefined),
  // Bulk inputs (recordObservations): the index of the offending row and the field in it.
  row: (value) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined),
  field: (value) => (typeof value === 'string' ? value : undefined),
  // RATE_LIMITED (forum posting rate): whole seconds until the caller may try again.
  retryAfterSeconds: (value) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined),
  // CONFLICT on a second discussion thread for an event: the thread that already exists.
  existingId: (value) => (typeof value === 'string' ? value : undefined),
};

/** `[{ path, messages }]` with string values only; anything else in the entries is dropped. */
function fieldErrorsOf(value: unknown): Array<{ path: string; messages: string[] }> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, messages } = entry as { path?: unknown; messages?: unknown };
    if (typeof path !== 'string' || !Array.isArray(messages)) return [];
    return [{ path, messages: messages.filter((message): message is string => typeof message === 'string') }];
  });
}

/**
 * Codes that describe the request a subgraph received. Clients never write those requests (the query
 * planner does), so such an error from a subgraph means gateway and subgraph disagree: an internal fault.
 */
const REQUEST_CODES_FROM_SUBGRAPHS: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** graphql appends schema hints ("Did you mean …?") to some messages, also outside validation. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

function pick(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, clean] of Object.entries(CLIENT_EXTENSIONS)) {
    const value = extensions[key] === undefined ? undefined : clean(extensions[key]);
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

function position(formatted: GraphQLFormattedError): Pick<GraphQLFormattedError, 'locations' | 'path'> {
  return {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
}

/**
 * Apollo Server wraps validation-rule errors in its own ValidationError, which sets the code to
 * GRAPHQL_VALIDATION_FAILED (keeping ours only as `originalError`), and turns every parse error, including
 * graphql's own maxTokens abort, into GRAPHQL_PARSE_FAILED. This puts the limit codes back.
 */
function limitError(
  formatted: GraphQLFormattedError,
  error: unknown,
  maxTokens: number,
): GraphQLFormattedError | null {
  if (!(error instanceof GraphQLError)) return null;
  const original = error.originalError;
  if (original instanceof GraphQLError && isLimitErrorCode(original.extensions.code)) {
    return {
      message: original.message,
      ...position(formatted),
      extensions: { code: original.extensions.code },
    };
  }
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && error.source) {
    if (exceedsTokenLimit(error.source.body, maxTokens)) {
      const tooMany = tooManyTokensError(maxTokens);
      return { message: tooMany.message, extensions: { code: tooMany.extensions.code } };
    }
  }
  return null;
}

/**
 * The gateway's `formatError`: client errors keep their message (without suggestions) and code, every other
 * error becomes `Internal server error` / INTERNAL_SERVER_ERROR and is logged with the original.
 */
export function createGatewayErrorFormatter(logger: Logger, limits: { maxTokens: number }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = limitError(formatted, error, limits.maxTokens);
    if (limit) return limit;

    const extensions = formatted.extensions ?? {};
    const code = extensions.code;
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    const isClientCode = typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
    // @apollo/gateway turns a subgraph's non-2xx HTTP answer into an error with `response` and, for 401/403,
    // code UNAUTHENTICATED/FORBIDDEN: that is the subgraph refusing the gateway (e.g. its internal token),
    // not the client, whose own credentials are checked by the gateway before anything is planned.
    const isSubgraphHttpFailure = extensions.response !== undefined;
    if (isClientCode && !isSubgraphHttpFailure && !(serviceName && REQUEST_CODES_FROM_SUBGRAPHS.has(code))) {
      return {
        message: withoutSuggestions(formatted.message),
        ...position(formatted),
        extensions: { code, ...pick(extensions) },
      };
    }

    logger.error(
      { err: error, code, ...(serviceName ? { subgraph: serviceName } : {}), original: formatted },
      'masked an error before sending it to the client',
    );
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...position(formatted),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

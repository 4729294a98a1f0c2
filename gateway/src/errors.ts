import { CLIENT_ERROR_CODES, type Logger } from '@hub/kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createErrorExtensionFilter, type ErrorExtensionDeclarations } from './error-extensions';
import { exceedsTokenLimit, isLimitErrorCode, tooManyTokensError } from './limits';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** A subgraph gave no answer at all (connection refused or reset, or no answer within its timeout). */
export const SUBGRAPH_UNAVAILABLE_CODE = 'SUBGRAPH_UNAVAILABLE';

/**
 * Raised by the gateway's data source when a subgraph fetch gets no answer. The gateway keeps serving what
 * the other subgraphs answer (their fields are in `data`) and this error names the missing service, so a
 * client or operator knows which part is out; the cause (address, system error) is only logged.
 */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(
    readonly subgraph: string,
    cause: unknown,
  ) {
    super(`The "${subgraph}" service did not answer; the fields it serves are missing from this answer.`, {
      extensions: { code: SUBGRAPH_UNAVAILABLE_CODE, subgraph },
      originalError: cause instanceof Error ? cause : undefined,
    });
    this.name = 'SubgraphUnavailableError';
  }
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
  // a limit checked in a plugin (the cost limit) arrives as itself, one checked by a rule wrapped
  const original = error.originalError instanceof GraphQLError ? error.originalError : error;
  if (isLimitErrorCode(original.extensions.code)) {
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

export interface ErrorFormatterOptions {
  logger: Logger;
  limits: { maxTokens: number };
  /** The extensions (besides `code`) client errors may carry: `schema/error-extensions.json`. */
  errorExtensions: ErrorExtensionDeclarations;
}

/**
 * The gateway's `formatError`: client errors keep their message (without suggestions), their code and the
 * extensions their subgraph declares (cleaned by kind); every other error becomes `Internal server error` /
 * INTERNAL_SERVER_ERROR and is logged with the original.
 */
export function createGatewayErrorFormatter({ logger, limits, errorExtensions }: ErrorFormatterOptions) {
  const declaredExtensions = createErrorExtensionFilter(errorExtensions);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = limitError(formatted, error, limits.maxTokens);
    if (limit) return limit;
    // only the gateway's own error names a subgraph (a subgraph sending the same code is masked below)
    if (error instanceof SubgraphUnavailableError) {
      logger.warn({ err: error.originalError, subgraph: error.subgraph }, 'a subgraph did not answer');
      return {
        message: error.message,
        ...position(formatted),
        extensions: { code: SUBGRAPH_UNAVAILABLE_CODE, subgraph: error.subgraph },
      };
    }

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
        extensions: { code, ...declaredExtensions(extensions, serviceName) },
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

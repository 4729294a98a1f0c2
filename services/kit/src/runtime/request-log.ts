import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { Logger } from './logger';
import { METRICS_PATH, type RequestMetrics } from './metrics';

/**
 * The header carrying a request's id: the gateway takes a client's (or a proxy's) when it is well formed, else
 * makes one, answers with it and sends it on every subgraph fetch; a subgraph uses the one it receives.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Short and safe to print anywhere: letters, digits and `.`, `_`, `:`, `-`, at most 64 of them. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request id a header carries when it is well formed (one value, safe characters); else undefined. */
export function acceptedRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

/** What the access log line and the request series record about one HTTP request. */
export interface RequestObservation {
  requestId: string;
  /** GraphQL requests: the operation's name, `(anonymous)` when it has none, `(none)` when none resolved. */
  operation?: string;
  /** GraphQL requests: `ok` or the code of the first error. */
  outcome?: string;
}

const OBSERVATION = 'hubRequestObservation';

/** The observation of the request `res` answers (set by `observeRequests`). */
export function observationOf(res: Response): RequestObservation | undefined {
  return res.locals[OBSERVATION] as RequestObservation | undefined;
}

/** The request id `observeRequests` gave the request `res` answers. */
export function requestIdOf(res: Response): string | undefined {
  return observationOf(res)?.requestId;
}

export interface ObserveRequestsOptions {
  logger: Logger;
  /** Path of the GraphQL endpoint; its answered requests count in `metrics`. */
  graphqlPath: string;
  metrics?: RequestMetrics;
}

/** Health checks and scrapes come every few seconds: their lines are logged at debug level. */
function isRoutine(path: string): boolean {
  return path.startsWith('/health/') || path === METRICS_PATH;
}

/**
 * First middleware of every server: gives the request its id (the `x-request-id` it came with when well
 * formed, else a new UUID), answers with it in `x-request-id`, and when the response ends writes one access
 * log line — method, path (never the query string: an SSE URL may carry a token), status, duration, operation
 * name, outcome, request id; never a body or a header — and counts GraphQL requests in `metrics`.
 */
export function observeRequests(options: ObserveRequestsOptions): RequestHandler {
  const { logger, graphqlPath, metrics } = options;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = acceptedRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    const observation: RequestObservation = { requestId };
    res.locals[OBSERVATION] = observation;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const method = req.method;
    const path = req.path;
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.statusCode;
      const graphql = path === graphqlPath && (observation.operation !== undefined || status >= 400);
      const outcome = graphql ? (observation.outcome ?? (status < 400 ? 'ok' : `HTTP_${status}`)) : undefined;
      if (graphql) metrics?.observe(observation.operation ?? '(none)', outcome!, seconds);
      const line = {
        requestId,
        method,
        path,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(observation.operation !== undefined ? { operation: observation.operation } : {}),
        ...(outcome !== undefined ? { outcome } : {}),
        // the client went away before the response was complete
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (isRoutine(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

/**
 * Records each operation's name and outcome on the observation of its HTTP request (`observationFor` finds
 * it from the context; operations without one — subscriptions, the gateway's own — are left alone).
 */
export function observeOperationsPlugin<Context extends object>(
  observationFor: (context: Context) => RequestObservation | undefined,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, response }) {
          const observation = observationFor(contextValue);
          if (!observation) return;
          observation.operation = operation ? (operationName ?? '(anonymous)') : '(none)';
          const firstError =
            response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined;
          observation.outcome = firstError
            ? String(firstError.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
            : 'ok';
        },
      };
    },
  };
}

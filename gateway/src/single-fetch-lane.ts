import { observationOf } from '@hub/kit';
import type { RequestHandler, Request, Response } from 'express';
import type { LaneRequest, PrefetchedAnswer, SingleFetchPassThrough } from './single-fetch';

/**
 * The single-fetch lane (issue 11: 100 regions through the gateway at most 1.3× the direct call).
 *
 * Once Apollo Server has answered an operation by the single-fetch pass-through (single-fetch.ts), a client's
 * POST of the very same query text and operation name is answered here, before Apollo Server: its document
 * was parsed and validated (limits included) then, and its plan is one fetch whose answer is the client's
 * answer. What Apollo Server's pipeline would still do for it, the lane does the same way: the caller from
 * the same context builder, the variables coerced against the operation's definitions, the cost limit for
 * these variables, the access log's operation and outcome, the answer's bytes and headers. The Express
 * middlewares before it (access log, CORS, rate limit, body limit, response size cap) run for it as for any
 * request. In a profile of 100 regions this skips about a third of the gateway's CPU per request: Apollo
 * Server's request pipeline and its Express integration.
 *
 * Anything the lane is not sure of goes on to Apollo Server, unchanged: another method, body shape or
 * `accept` header, a bad or missing token's refusal, variables that do not coerce, an operation over the
 * cost limit, a recording trace span, the query-plan header, and a subgraph answer with errors or without
 * data (its fetch is handed on, not made again: `laneFetchOf`). The gateway leaves the lane out when the
 * response cache is on (the cache's plugin keeps what Apollo's pipeline answers).
 */

/** Where the lane leaves a fetch for Apollo's context function (`laneFetchOf`). */
const LANE_FETCH = 'hubSingleFetchLaneFetch';

/** The fetch the lane made for this request, when the normal path must shape its answer; once. */
export function laneFetchOf(res: Response): PrefetchedAnswer | undefined {
  const prefetched = res.locals[LANE_FETCH] as PrefetchedAnswer | undefined;
  if (prefetched) delete res.locals[LANE_FETCH];
  return prefetched;
}

/** The accept headers with which Apollo Server answers `application/json; charset=utf-8`, as the lane does. */
const JSON_ACCEPTS: ReadonlySet<string> = new Set(['*/*', 'application/json']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request as the lane takes it: a POST body of `query`, and at most `operationName` and `variables`. */
function laneRequestOf(req: Request): LaneRequest | undefined {
  if (req.method !== 'POST') return undefined;
  const accept = req.headers.accept;
  if (accept !== undefined && !JSON_ACCEPTS.has(accept)) return undefined;
  const body: unknown = req.body;
  if (!isPlainObject(body) || typeof body.query !== 'string') return undefined;
  for (const key in body)
    if (key !== 'query' && key !== 'operationName' && key !== 'variables') return undefined;
  const { operationName, variables } = body;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return undefined;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) return undefined;
  return { query: body.query, operationName, variables };
}

/**
 * The lane's Express handler, mounted right before Apollo Server's; `contextOf` builds a request's context as
 * Apollo's context function does (and throws for a bad token: the request then goes on to Apollo Server).
 */
export function singleFetchLane(
  passThrough: SingleFetchPassThrough,
  contextOf: (req: Request, res: Response) => Promise<object>,
): RequestHandler {
  return (req, res, next) => {
    const request = laneRequestOf(req);
    if (!request) return next();
    const answer = async () => {
      let context: object;
      try {
        context = await contextOf(req, res);
      } catch {
        return next(); // Apollo Server refuses it, with the bearer challenge
      }
      const outcome = await passThrough.answerKnown(request, context, {
        get: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
      });
      if (!outcome) return next();
      if (outcome.kind === 'prefetched') {
        res.locals[LANE_FETCH] = outcome.prefetched;
        return next();
      }
      const observation = observationOf(res);
      if (observation) {
        observation.operation = outcome.operationName ?? '(anonymous)';
        observation.outcome = 'ok';
      }
      // as Apollo Server and its Express integration answer: the same bytes, content type and ETag handling;
      // the subgraph's own text when it is `{"data":…}` alone (JSON.stringify's, as a kit subgraph writes it)
      const { text } = outcome;
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.send(
        text === undefined
          ? `${JSON.stringify({ data: outcome.data })}\n`
          : text.endsWith('\n')
            ? text
            : `${text}\n`,
      );
    };
    answer().catch(next);
  };
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Request headers a browser client may send cross-origin: Apollo's CSRF headers, its own request id, W3C
 * trace context (so a partner dashboard can find its requests in the hub's logs and traces) and the SSE
 * `Last-Event-ID` of a client resuming a stream.
 */
const ALLOWED_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, traceparent, tracestate, last-event-id';
/** Response headers a cross-origin page may read: the request id to quote when reporting a problem, the rate limit. */
const EXPOSED_HEADERS =
  'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy, retry-after';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for the listed origins ('*' allows any). Requests from other origins get no CORS headers, so the
 * browser keeps their responses from the calling page; preflights are answered here with 204.
 */
export function corsMiddleware(allowedOrigins: readonly string[]): RequestHandler {
  const anyOrigin = allowedOrigins.includes('*');
  const origins = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (!origin || !(anyOrigin || origins.has(origin))) return next();
    res.set('access-control-allow-origin', anyOrigin ? '*' : origin);
    if (req.method !== 'OPTIONS') {
      res.set('access-control-expose-headers', EXPOSED_HEADERS);
      return next();
    }
    res
      .set({
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
      })
      .status(204)
      .end();
  };
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Request headers a browser client may send cross-origin (Apollo's CSRF headers included). */
const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name';
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
    if (req.method !== 'OPTIONS') return next();
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

import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';

/** Largest JSON body a GraphQL endpoint accepts. */
export const DEFAULT_BODY_LIMIT = '256kb';

export function jsonBodyParser(limit: string = DEFAULT_BODY_LIMIT) {
  return express.json({ limit });
}

/** A GraphQL-shaped error body for failures that happen before GraphQL runs (bad JSON, huge bodies). */
export function requestErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Last express handler: malformed JSON → 400, oversized body → 413, anything else → 500 with a generic
 * message. Never sends a stack trace.
 */
export function installJsonErrorHandler(app: Express, logger: Logger): void {
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const failure = error as { type?: string; status?: number; message?: string };
    if (failure.type === 'entity.parse.failed') {
      res.status(400).json(requestErrorBody('Malformed JSON in the request body.', 'BAD_REQUEST'));
    } else if (failure.type === 'entity.too.large') {
      res.status(413).json(requestErrorBody('Request body is too large.', 'PAYLOAD_TOO_LARGE'));
    } else if (failure.status && failure.status >= 400 && failure.status < 500) {
      res.status(failure.status).json(requestErrorBody('Bad request.', 'BAD_REQUEST'));
    } else {
      logger.error({ err: error }, 'unhandled HTTP error');
      res.status(500).json(requestErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
  });
}

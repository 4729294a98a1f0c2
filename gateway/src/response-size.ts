import type { Logger } from '@hub/kit';
import type { RequestHandler } from 'express';
import type { RefusalObserver } from './metrics';

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

/**
 * The last guard on what one request may cost: an answer larger than `maxBytes` (MAX_RESPONSE_BYTES) is not
 * sent; the client gets HTTP 400 with RESPONSE_TOO_LARGE instead, the gateway logs the size and `onRefusal`
 * counts it (`hub_gateway_refusals_total`). The cost limit refuses most such operations before they run; this
 * catches lists longer than their declared size.
 *
 * Wraps `res.end` (Apollo's express integration and the response cache's fast path both answer with one
 * `end`), so nothing is serialised twice: a string's length is measured only when it could be over.
 */
export function capResponseSize(
  maxBytes: number,
  logger: Logger,
  onRefusal?: RefusalObserver,
): RequestHandler {
  return (_request, response, next) => {
    const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (!response.headersSent && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        const bytes =
          typeof chunk === 'string'
            ? chunk.length * 3 <= maxBytes
              ? 0 // UTF-8 takes at most 3 bytes per UTF-16 unit: cannot be over
              : Buffer.byteLength(chunk)
            : chunk.length;
        if (bytes > maxBytes) {
          logger.warn({ bytes, maxBytes }, 'refused to send a response over MAX_RESPONSE_BYTES');
          onRefusal?.(RESPONSE_TOO_LARGE);
          const body = JSON.stringify({
            errors: [
              {
                message: `The answer would be ${bytes} bytes, over the limit of ${maxBytes} (MAX_RESPONSE_BYTES): ask for fewer items (first) or fields.`,
                extensions: { code: RESPONSE_TOO_LARGE },
              },
            ],
          });
          response.statusCode = 400;
          response.removeHeader('etag');
          response.setHeader('cache-control', 'no-store');
          response.setHeader('content-type', 'application/json; charset=utf-8');
          response.setHeader('content-length', Buffer.byteLength(body));
          return end(body);
        }
      }
      return end(chunk, ...rest);
    }) as typeof response.end;
    next();
  };
}

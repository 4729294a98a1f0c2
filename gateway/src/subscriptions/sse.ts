import type { Caller, Logger } from '@hub/kit';
import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { isRefusal, refuseStream, releaseOnClose, type ConnectionCaps } from '../connection-caps';
import { TOKEN_EXPIRED_MESSAGE, whenTokenExpires, type CallerVerifier } from '../identity';
import { gatewayError, SUBSCRIPTION_ERROR_CODES, type ErrorMasker, type MaskedGraphQLError } from './errors';
import { isOriginAllowed } from './origin';
import type { ReplayChannels, ReplayMessage } from './replay';
import type { SubscriptionService } from './service';

/** Path of the Server-Sent Events transport (below the GraphQL path, so proxies route both alike). */
export const SSE_PATH = '/graphql/stream';

export interface SseTransportOptions {
  service: SubscriptionService;
  /** Subscription groups as SSE clients read them: ids, buffer and `Last-Event-ID` replay (replay.ts). */
  replay: ReplayChannels;
  corsOrigins?: readonly string[];
  verifyCaller: CallerVerifier;
  mask: ErrorMasker;
  keepAliveMs: number;
  logger: Logger;
  /** Streams per address and organisation (see connection-caps.ts); over a cap → 429 TOO_MANY_CONNECTIONS. */
  caps?: ConnectionCaps;
}

function stringParam(request: Request, name: string): string | undefined {
  const value = request.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** `Authorization` header (fetch-based clients), else `?access_token=` (RFC 6750 §2.3: EventSource sends no headers). */
function authorizationOf(request: Request): string | undefined {
  if (request.headers.authorization !== undefined) return request.headers.authorization;
  const token = stringParam(request, 'access_token');
  return token === undefined ? undefined : `Bearer ${token}`;
}

/**
 * The id of the last event the client saw: the `Last-Event-ID` header (EventSource sends it when it
 * reconnects), else `?lastEventId=` (clients that open a new connection themselves and cannot set headers).
 */
function lastEventIdOf(request: Request): string | undefined {
  const header = request.headers['last-event-id'];
  return typeof header === 'string' && header !== '' ? header : stringParam(request, 'lastEventId');
}

function sendErrors(response: Response, status: number, errors: MaskedGraphQLError[]): void {
  if (status === 401) response.set('www-authenticate', 'Bearer realm="hub", error="invalid_token"');
  response
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: errors.map((error) => error.toJSON()) });
}

/** 400 for client errors, 500 when any error was masked as internal. */
function statusOf(errors: MaskedGraphQLError[]): number {
  return errors.some((error) => error.formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') ? 500 : 400;
}

/**
 * `GET /graphql/stream?query=…&variables=<JSON>&operationName=…[&access_token=<jwt>]` → `text/event-stream`:
 * `event: next` + `data: <JSON result>` per event, `event: complete` at the end (the format of graphql-sse's
 * "distinct connections" mode), a comment line every `keepAliveMs`. Every `next` of the group carries an `id:`;
 * a client that reconnects with `Last-Event-ID` (or `?lastEventId=`) gets what it missed first (replay.ts). Everything wrong before the stream starts
 * (token, origin, query, variables, limits) is answered as over HTTP: a status and a JSON `errors` body.
 * Closing the response (browser `EventSource.close()`, tab closed) ends the upstream subscription at once.
 */
export function createSseTransport(options: SseTransportOptions): {
  handler: RequestHandler;
  close(): void;
  /** Streams open now (metrics). */
  openStreams(): number;
} {
  const { service, replay, corsOrigins, verifyCaller, mask, keepAliveMs, logger } = options;
  const open = new Set<{ response: Response; stop: () => void }>();
  let closing = false;

  const handler: RequestHandler = async (request, response) => {
    if (closing) {
      return sendErrors(response, 503, [
        gatewayError('The gateway is shutting down; try again.', SUBSCRIPTION_ERROR_CODES.shuttingDown),
      ]);
    }
    if (!isOriginAllowed(request.headers, corsOrigins)) {
      return sendErrors(response, 403, [
        gatewayError('This origin may not open subscriptions.', 'FORBIDDEN'),
      ]);
    }
    let caller: Caller;
    try {
      caller = await verifyCaller(authorizationOf(request));
    } catch (error) {
      const unauthenticated = error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
      return sendErrors(response, unauthenticated ? 401 : 503, [mask(error)]);
    }
    let variables: unknown;
    const rawVariables = stringParam(request, 'variables');
    try {
      variables = rawVariables ? JSON.parse(rawVariables) : undefined;
    } catch {
      return sendErrors(response, 400, [gatewayError('`variables` must be a JSON object.', 'BAD_REQUEST')]);
    }
    const operation = service.prepare({
      query: stringParam(request, 'query'),
      variables,
      operationName: stringParam(request, 'operationName'),
    });
    if (operation.kind === 'invalid')
      return sendErrors(response, statusOf(operation.errors), operation.errors);
    if (operation.kind !== 'subscription') {
      return sendErrors(response, 400, [
        gatewayError(
          'Only subscriptions are served here; send queries and mutations to /graphql.',
          'BAD_REQUEST',
        ),
      ]);
    }

    const slot = options.caps?.open(request.ip, caller);
    if (slot && isRefusal(slot)) return refuseStream(response, slot);
    if (slot) releaseOnClose(response, slot);
    const attachment = replay.attach(operation, caller, lastEventIdOf(request));
    const stream = attachment.messages;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx would otherwise hold events back
    });
    response.flushHeaders();
    writeStart(response, attachment);
    const keepAlive = setInterval(() => {
      if (!response.destroyed) response.write(': keep-alive\n\n');
    }, keepAliveMs);
    const entry = {
      response,
      // not a `complete`: an EventSource reconnects (to another replica) when a stopping gateway hangs up
      stop: () => {
        void stream.return();
        response.end();
      },
    };
    open.add(entry);
    // the stream does not outlive its token: one last `next` with UNAUTHENTICATED, then `complete`
    const cancelExpiry = whenTokenExpires(caller, () => {
      void (async () => {
        await write(response, 'next', {
          result: { errors: [gatewayError(TOKEN_EXPIRED_MESSAGE, 'UNAUTHENTICATED')] },
        });
        void stream.return();
      })();
    });
    response.on('close', () => {
      cancelExpiry();
      clearInterval(keepAlive);
      open.delete(entry);
      void stream.return();
    });
    try {
      for await (const message of stream) await write(response, 'next', message);
      if (!response.writableEnded && !response.destroyed) {
        response.write('event: complete\ndata:\n\n');
        response.end();
      }
    } catch (error) {
      logger.error({ err: error }, 'SSE subscription failed');
      response.destroy();
    }
  };

  return {
    handler,
    openStreams: () => open.size,
    close() {
      closing = true;
      for (const entry of open) entry.stop();
      open.clear();
    },
  };
}

/**
 * What a stream starts with. Nothing to replay: an id-only message, which sets the client's last event id
 * without dispatching an event, so that a client that drops before the first event can still resume. A
 * `Last-Event-ID` that cannot be honoured: `event: reset` (with the reason), so the client fetches afresh
 * what it shows; live events follow either way.
 */
function writeStart(response: Response, attachment: ReturnType<ReplayChannels['attach']>): void {
  const id = `id: ${attachment.position}\n`;
  if (attachment.reset) {
    response.write(`event: reset\n${id}data: ${JSON.stringify({ reason: attachment.reset })}\n\n`);
  } else if (attachment.messages.pending === 0) {
    response.write(`${id}\n`);
  }
}

/** One SSE message (with the event's id, if it has one); waits for the socket to drain when the client reads slowly. */
async function write(response: Response, event: string, message: ReplayMessage): Promise<void> {
  if (response.writableEnded || response.destroyed) return;
  const id = message.id === undefined ? '' : `id: ${message.id}\n`;
  if (!response.write(`${id}event: ${event}\ndata: ${JSON.stringify(message.result)}\n\n`)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.on('drain', done);
      response.on('close', done);
    });
  }
}

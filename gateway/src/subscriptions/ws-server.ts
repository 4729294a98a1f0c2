import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ANONYMOUS, type Caller, type Logger } from '@hub/kit';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SubscriptionSettings } from '../config';
import {
  isRefusal,
  TOO_MANY_CONNECTIONS_CLOSE_CODE,
  TOO_MANY_CONNECTIONS_REASON,
  type ConnectionCaps,
} from '../connection-caps';
import { RATE_LIMITED_CODE, rateLimitRefusal, type RateLimiter } from '../rate-limit';
import { isTokenExpired, TOKEN_EXPIRED_MESSAGE, whenTokenExpires, type CallerVerifier } from '../identity';
import { gatewayError, SUBSCRIPTION_ERROR_CODES, type ErrorMasker } from './errors';
import { isOriginAllowed } from './origin';
import type { PassThroughOperation, PreparedSubscription } from './operation';
import type { SubscriptionService } from './service';

/** How long `close()` waits for clients to answer the 1001 close frame before cutting their sockets. */
export const CLOSE_GRACE_MS = 2_000;

export interface WebSocketTransportOptions {
  httpServer: Server;
  path: string;
  service: SubscriptionService;
  settings: SubscriptionSettings;
  corsOrigins?: readonly string[];
  verifyCaller: CallerVerifier;
  mask: ErrorMasker;
  logger: Logger;
  /** Sockets per address and organisation (see connection-caps.ts); absent → no caps. */
  caps?: ConnectionCaps;
  /** The client address of an upgrade request (`trust proxy` as for express's `req.ip`). */
  clientAddress?: (request: IncomingMessage) => string;
  /** Counts queries and mutations sent over a socket as HTTP requests are counted (rate-limit.ts). */
  rateLimiter?: RateLimiter;
}

/** What an operation carries from `onSubscribe` to `execute`/`subscribe` (graphql-ws passes it through). */
interface OperationContext {
  caller: Caller;
  operation: PreparedSubscription | PassThroughOperation;
}

/** `connectionParams.authorization` (`Authorization` also accepted); not a string counts as malformed. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : 'malformed';
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function closeGracefully(socket: WebSocket, graceMs: number): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const cut = setTimeout(() => socket.terminate(), graceMs);
    socket.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
    socket.close(1001, 'Going away');
  });
}

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's own HTTP server and path:
 * - upgrade: only on `path`, `Origin` checked (403), none while stopping (503); over the per-address cap the
 *   socket is closed at once with 4429 (`Too many connections`), over the per-organisation cap at connect;
 * - connect: the caller is verified from `connectionParams.authorization` (`Bearer <jwt>`, none: anonymous);
 *   a bad token closes the socket with 4401, an identity provider that cannot be reached with 4500; when the
 *   token expires, the socket is closed with 4401 (and an operation sent after `exp` is refused);
 * - each `subscribe`: at most `maxPerSocket` operations at once (TOO_MANY_SUBSCRIPTIONS), same limits and
 *   masking as HTTP; subscriptions go to the federated executor, queries and mutations to Apollo Server;
 * - messages larger than `maxMessageBytes` close the socket with 1009 (ws's `maxPayload`).
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): {
  close(): Promise<void>;
  /** Client sockets open now (metrics). */
  openSockets(): number;
} {
  const { httpServer, path, service, settings, corsOrigins, verifyCaller, mask, logger, caps } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  let closing = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway.invalid');
    if (pathname !== path) return refuseUpgrade(socket, 404, 'Not Found');
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (!isOriginAllowed(request.headers, corsOrigins)) {
      logger.info(
        { origin: request.headers.origin },
        'refused a WebSocket from an origin that is not allowed',
      );
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      // counted once upgraded (a failed handshake takes no place), released by whatever closes the socket;
      // over the cap the socket is closed at once with 4429, which graphql-ws clients report and do not retry
      const slot = caps?.openForAddress(options.clientAddress?.(request) ?? request.socket.remoteAddress);
      if (slot && isRefusal(slot)) {
        webSocket.on('error', () => undefined);
        webSocket.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_REASON);
        return;
      }
      if (slot) webSocket.once('close', () => slot.release());
      wss.emit('connection', webSocket, request);
      // graphql-ws prints every socket error to the console (an oversized message is one, and any client can
      // send it); ws closes the socket itself (1009 for size, 1002 for protocol errors), so a log line suffices
      webSocket.removeAllListeners('error');
      webSocket.on('error', (error) =>
        logger.info({ err: error }, 'closed a WebSocket after a client error'),
      );
    });
  };
  httpServer.on('upgrade', onUpgrade);

  useServer<Record<string, unknown>, { caller: Caller }>(
    {
      onConnect: async (ctx) => {
        try {
          const caller = await verifyCaller(authorizationOf(ctx.connectionParams));
          const slot = caps?.openForCaller(caller);
          if (slot && isRefusal(slot)) {
            ctx.extra.socket.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_REASON);
            return false;
          }
          if (slot) {
            // the client may have gone while its token was checked: its close event has passed already
            if (ctx.extra.socket.readyState === ctx.extra.socket.CLOSED) slot.release();
            else ctx.extra.socket.once('close', () => slot.release());
          }
          ctx.extra.caller = caller;
          // the socket does not outlive its token: closed with 4401 when it expires (the client reconnects
          // with a fresh one); queries and mutations on it stop with it
          const socket = ctx.extra.socket;
          const cancel = whenTokenExpires(caller, () => {
            if (socket.readyState === socket.OPEN) socket.close(CloseCode.Unauthorized, 'Token expired');
          });
          socket.once('close', cancel);
          return true;
        } catch (error) {
          const unauthenticated =
            error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
          if (!unauthenticated)
            logger.error({ err: error }, 'could not verify the token of a WebSocket client');
          // closing first makes graphql-ws's own close (4403 after `false`) a no-op
          ctx.extra.socket.close(
            unauthenticated ? CloseCode.Unauthorized : CloseCode.InternalServerError,
            unauthenticated ? error.message : 'Cannot verify tokens right now.',
          );
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        // graphql-ws registers the operation before this hook, so the count includes it
        if (Object.keys(ctx.subscriptions).length > settings.maxPerSocket) {
          return [
            gatewayError(
              `This connection already runs ${settings.maxPerSocket} operations (the limit, maxPerSocket); complete one first.`,
              SUBSCRIPTION_ERROR_CODES.tooMany,
            ),
          ];
        }
        if (ctx.extra.caller && isTokenExpired(ctx.extra.caller))
          return [gatewayError(TOKEN_EXPIRED_MESSAGE, 'UNAUTHENTICATED')];
        const operation = service.prepare(payload);
        if (operation.kind === 'invalid') return operation.errors;
        // a socket is no way around the read rate limit; subscriptions are bounded by the caps instead
        if (options.rateLimiter && operation.kind !== 'subscription') {
          const refusal = await rateLimitRefusal(
            options.rateLimiter,
            ctx.extra.caller,
            options.clientAddress?.(ctx.extra.request) ?? ctx.extra.request.socket.remoteAddress,
          );
          if (refusal) return [gatewayError(refusal, RATE_LIMITED_CODE)];
        }
        // onConnect set the caller before graphql-ws acknowledged the connection; anonymous is the safe fallback
        const contextValue: OperationContext = { caller: ctx.extra.caller ?? ANONYMOUS, operation };
        return {
          schema: operation.kind === 'subscription' ? operation.generation.apiSchema : operation.schema,
          document: operation.document,
          operationName: operation.operationName,
          variableValues: operation.variables,
          contextValue,
        };
      },
      subscribe: (args) => {
        const { caller, operation } = args.contextValue as OperationContext;
        return service.subscribe(operation as PreparedSubscription, caller);
      },
      execute: (args) => {
        const { caller, operation } = args.contextValue as OperationContext;
        return service.run(operation as PassThroughOperation, caller);
      },
      // every error was masked where it arose; this only catches what graphql-ws itself reports
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
        result.errors ? { ...result, errors: result.errors.map((error) => mask(error).toJSON()) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => mask(error).toJSON()),
    },
    wss,
  );

  return {
    openSockets: () => wss.clients.size,
    async close() {
      closing = true;
      await Promise.all([...wss.clients].map((socket) => closeGracefully(socket, CLOSE_GRACE_MS)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      httpServer.off('upgrade', onUpgrade);
    },
  };
}

import { pino, type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** pino's levels, most severe first, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How an error appears in a log line (`err` or `error` field). */
export interface LoggedError {
  type?: string;
  message: string;
  code?: string | number;
  /** Only for errors without a code (programming errors), where the frames are what one needs. */
  stack?: string;
  cause?: LoggedError;
}

const STACK_FRAMES = 8;

/**
 * An error as its type, message and code, never as the whole object: errors of `pg` carry the client they
 * came from (`err.client`, kilobytes of connection state), others carry requests or sockets. Stacks are kept,
 * cut short, only for errors without a code.
 */
export function serializeError(value: unknown, depth = 0): LoggedError {
  if (typeof value !== 'object' || value === null) return { message: String(value) };
  const error = value as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const code = typeof error.code === 'string' || typeof error.code === 'number' ? error.code : undefined;
  const className = value.constructor?.name;
  const type =
    className && className !== 'Error' ? className : typeof error.name === 'string' ? error.name : undefined;
  return {
    ...(type && type !== 'Object' ? { type } : {}),
    message: typeof error.message === 'string' ? error.message : '(no message)',
    ...(code !== undefined ? { code } : {}),
    ...(code === undefined && typeof error.stack === 'string'
      ? {
          stack: error.stack
            .split('\n')
            .slice(0, STACK_FRAMES + 1)
            .join('\n'),
        }
      : {}),
    ...(error.cause !== undefined && depth < 2 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

/**
 * One structured JSON logger per service; every line carries the service name. `destination`: where lines go
 * (default stdout), e.g. a stream a test reads.
 */
export function createLogger(
  service: string,
  level: LogLevel = 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

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

/** The longest an info or debug line waits in {@link BatchedStdout} for the lines after it. */
export const LOG_BATCH_MS = 100;
/** Waiting lines are written at once when they reach this many characters. */
const LOG_BATCH_CHARS = 16 * 1024;
/** pino's level number of `warn`: lines at this level or above are written at once. */
const WARN_LEVEL = 40;
/** A destination stream with this property set to true gets each line's level in `lastLevel` (pino). */
const PINO_METADATA: unique symbol = Symbol.for('pino.metadata');

/**
 * Standard output for the log lines of every logger of the process, written in batches: the lines that came
 * within {@link LOG_BATCH_MS} of the first waiting one go out in one write (at once when they reach 16 k
 * characters), a warning or worse at once with the lines before it, and what is still waiting when the process
 * exits, also after a crash. A server writes one access line per request: written one by one, each line was
 * a write through the thread pool, about 0.4 ms of the gateway's CPU per request and 0.5-1 ms of a subgraph's
 * (bench/README.md). Lines keep their order. A process killed outright (SIGKILL) loses at most the last
 * {@link LOG_BATCH_MS} of info lines.
 */
export class BatchedStdout implements DestinationStream {
  /** Asks pino to set {@link lastLevel} before each write. */
  readonly [PINO_METADATA] = true;
  /** The level of the line being written (set by pino). */
  lastLevel = 0;
  private waiting: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly out: { write(chunk: string): unknown } = process.stdout) {}

  write(line: string): void {
    if (this.closed) return;
    this.waiting.push(line);
    this.chars += line.length;
    if (this.lastLevel >= WARN_LEVEL || this.chars >= LOG_BATCH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), LOG_BATCH_MS).unref();
  }

  /** Writes the waiting lines now (pino's `logger.flush()` calls it too). */
  flush(): void {
    const chunk = this.take();
    if (chunk) this.out.write(chunk);
  }

  /** Drops the waiting lines and every line after: nobody reads them any more. */
  close(): void {
    this.closed = true;
    this.take();
  }

  /** The waiting lines as one chunk, no longer waiting. */
  private take(): string {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const chunk = this.waiting.join('');
    this.waiting = [];
    this.chars = 0;
    return chunk;
  }
}

let batchedStdout: BatchedStdout | undefined;

/** The process's one {@link BatchedStdout}, flushed when the process exits (writes to stdout are then synchronous). */
function sharedStdout(): BatchedStdout {
  if (!batchedStdout) {
    const stdout = new BatchedStdout();
    process.on('exit', () => stdout.flush());
    // The reader of stdout went away (a closed pipe): logging stops, the service goes on, as with pino's own
    // destination. Any other error is not for the logger to hide.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stdout.close();
    });
    batchedStdout = stdout;
  }
  return batchedStdout;
}

/**
 * One structured JSON logger per service; every line carries the service name. `destination`: where lines go
 * (default: stdout in batches, see {@link BatchedStdout}), e.g. a stream a test reads.
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
  return pino(options, destination ?? sharedStdout());
}

/**
 * An async iterator fed from outside: producers `push` values, `end()` it or `fail(error)` it; consumers
 * (graphql-ws, SSE, `for await`) read it. Used by the kit's subscriptions and by the gateway.
 */
export interface PushIterator<T> extends AsyncIterableIterator<T> {
  /** Queues a value (dropped once the iterator is closed or ending; see `maxQueued`). */
  push(value: T): void;
  /** No more values: the consumer reads what is queued, then the iterator is done. */
  end(): void;
  /** Ends with an error: the consumer reads what is queued, then `next()` rejects with `error` once. */
  fail(error: unknown): void;
  /** True once the consumer went away or the producer ended; further pushes are dropped. */
  readonly isClosed: boolean;
  /** Values pushed but not yet read. */
  readonly pending: number;
  /** The consumer went away: drops what is queued, settles a waiting `next()` with done, closes at once. */
  return(): Promise<IteratorResult<T>>;
  /** As `return()`, then rejects with `error`. */
  throw(error?: unknown): Promise<IteratorResult<T>>;
}

export interface PushIteratorOptions {
  /**
   * Runs exactly once when the iterator closes: on `return()`/`throw()` (the consumer went away), or when an
   * ended or failed iterator has been read to its end. Unsubscribe upstream here.
   */
  onClose?: () => void;
  /** Most values kept waiting; a push beyond it drops the oldest. Default: unbounded (bound it upstream). */
  maxQueued?: number;
}

/**
 * Creates a `PushIterator`. Hand-written rather than an `async function*`: a generator's `return()` waits for
 * the pending `next()`, so an idle subscription would only be torn down after its next event. Here `return()`
 * settles a pending `next()` with `done` and calls `onClose` at once (graphql-ws calls it when a client
 * completes or disconnects, the gateway's SSE transport when the HTTP response closes).
 */
export function createPushIterator<T>(options: PushIteratorOptions = {}): PushIterator<T> {
  const queue: T[] = [];
  const maxQueued = options.maxQueued ?? Number.POSITIVE_INFINITY;
  let waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  let ending = false;
  let closed = false;
  let failure: { error: unknown } | undefined;

  function close(): void {
    if (closed) return;
    closed = true;
    queue.length = 0;
    const pending = waiting;
    waiting = undefined;
    pending?.resolve({ value: undefined, done: true });
    options.onClose?.();
  }

  /** After the queue ran dry on an ending iterator: the failure (once), then done. */
  function finish(): Promise<IteratorResult<T>> {
    const failed = failure;
    failure = undefined;
    close();
    return failed ? Promise.reject(failed.error) : Promise.resolve({ value: undefined, done: true });
  }

  const iterator: PushIterator<T> = {
    get isClosed() {
      return closed || ending;
    },
    get pending() {
      return queue.length;
    },
    push(value) {
      if (closed || ending) return;
      if (waiting) {
        const pending = waiting;
        waiting = undefined;
        pending.resolve({ value, done: false });
        return;
      }
      queue.push(value);
      if (queue.length > maxQueued) queue.shift();
    },
    end() {
      if (closed || ending) return;
      ending = true;
      if (queue.length === 0 && waiting) {
        const pending = waiting;
        waiting = undefined;
        close();
        pending.resolve({ value: undefined, done: true });
      } else if (queue.length === 0) {
        close();
      }
    },
    fail(error) {
      if (closed || ending) return;
      ending = true;
      failure = { error };
      if (queue.length === 0 && waiting) {
        const pending = waiting;
        waiting = undefined;
        failure = undefined;
        close();
        pending.reject(error);
      }
    },
    next() {
      if (queue.length > 0) {
        const value = queue.shift() as T;
        if (ending && !failure && queue.length === 0) close();
        return Promise.resolve({ value, done: false });
      }
      if (closed || ending) return finish();
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    return() {
      failure = undefined;
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      failure = undefined;
      close();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

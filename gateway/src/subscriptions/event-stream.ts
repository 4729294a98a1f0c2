/**
 * An async iterator fed from outside (`push`, `end`) whose `return()` tears down **at once**: it calls
 * `onClose` and settles a pending `next()` immediately. An `async function*` wrapper would only run its
 * `finally` after the next event, so an idle subscription would never be closed upstream; graphql-ws calls
 * `return()` when a client completes or disconnects, and the SSE transport when the HTTP response closes.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private ending = false;
  private closed = false;

  /** `onClose` runs exactly once: on `return()`/`throw()`, or when an ended stream has been read to its end. */
  constructor(private readonly onClose: () => void) {}

  /** True once the consumer went away or the stream ended; further pushes are dropped. */
  get isClosed(): boolean {
    return this.closed || this.ending;
  }

  /** Values pushed but not yet read. */
  get pending(): number {
    return this.queue.length;
  }

  push(value: T): void {
    if (this.isClosed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
    } else {
      this.queue.push(value);
    }
  }

  /** No more values: the consumer reads what is queued, then the stream is done. */
  end(): void {
    if (this.isClosed) return;
    this.ending = true;
    if (this.queue.length === 0) this.close();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift() as T;
      if (this.ending && this.queue.length === 0) this.close();
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
    this.onClose();
  }
}

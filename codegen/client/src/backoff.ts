/** How live subscriptions reconnect after the connection dropped (network, gateway restarting). */
export interface RetryOptions {
  /** Reconnections in a row before giving up (sink.error); default 10. Every successful connection resets it. */
  attempts?: number;
  /** First wait, doubled on each failed attempt; default 500 ms. */
  initialDelayMs?: number;
  /** Longest wait; default 30 s. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  attempts: 10,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
};

/** Exponential backoff with jitter (half to full delay), so that many clients do not reconnect in step. */
export function backoffDelay(attempt: number, retry: Required<RetryOptions>): number {
  const delay = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** attempt);
  return Math.round(delay / 2 + (Math.random() * delay) / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

import type { HubError, HubSink } from '../src/index.js';

/** Waits until `condition` holds (polling), or fails naming `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A sink that keeps what a subscription delivers; `next()` waits for the following message. */
export interface Collected<TData> {
  sink: HubSink<TData>;
  received: TData[];
  error: HubError | undefined;
  completed: boolean;
  next(timeoutMs?: number): Promise<TData>;
}

export function collect<TData>(): Collected<TData> {
  let taken = 0;
  const collected: Collected<TData> = {
    received: [],
    error: undefined,
    completed: false,
    sink: {
      next: (data) => void collected.received.push(data),
      error: (error) => void (collected.error = error),
      complete: () => void (collected.completed = true),
    },
    async next(timeoutMs = 15_000) {
      await waitFor(
        () => collected.received.length > taken || !!collected.error || collected.completed,
        'the next message',
        timeoutMs,
      );
      if (collected.received.length > taken) return collected.received[taken++]!;
      throw collected.error ?? new Error('The subscription completed without a message.');
    },
  };
  return collected;
}

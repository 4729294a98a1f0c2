import type { Caller } from '@hub/kit';

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Identical subgraph fetches in flight at the same time share one request: ten visitors opening the same
 * dashboard at once cost the subgraphs one answer, not ten. Identical means the same subgraph, document,
 * variables and caller (subject, organisation, roles, name) — callers who may see different data never share.
 * Only reads are shared (never a mutation). Every sharer but the first gets its own copy of the result,
 * made when it arrives (the gateway merges later fetches into results in place).
 */
export class InFlightFetches<T> {
  private readonly pending = new Map<string, Array<Waiter<T>>>();
  /** Fetches answered by another one's request (for metrics and tests). */
  shared = 0;

  constructor(private readonly copy: (value: T) => T) {}

  run(key: string, fetch: () => Promise<T>): Promise<T> {
    const waiting = this.pending.get(key);
    if (waiting) {
      this.shared += 1;
      return new Promise<T>((resolve, reject) => waiting.push({ resolve, reject }));
    }
    const waiters: Array<Waiter<T>> = [];
    this.pending.set(key, waiters);
    const settle = () => {
      if (this.pending.get(key) === waiters) this.pending.delete(key);
    };
    return fetch().then(
      (value) => {
        settle();
        for (const waiter of waiters) waiter.resolve(this.copy(value));
        return value;
      },
      (error: unknown) => {
        settle();
        for (const waiter of waiters) waiter.reject(error);
        throw error;
      },
    );
  }
}

/** The key of a read: who asks (everything that decides what they may see), which subgraph, what. */
export function inFlightKey(
  subgraph: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> | undefined,
): string {
  const who = [caller.subject, caller.organisationId, [...caller.roles].sort(), caller.displayName];
  return `${subgraph}\0${JSON.stringify(who)}\0${query}\0${JSON.stringify(variables ?? {})}`;
}

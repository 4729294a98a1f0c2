import type { PubSub } from 'type-graphql';
import type { EventBus } from './event-bus';

/**
 * What a subscription's context must offer: the bus, and a way to start a fresh request scope (entity manager
 * and DataLoaders) for each event, so an event is resolved from current data, not from what an earlier event
 * of the same long-lived subscription cached.
 */
export interface SubscriptionScope {
  bus: EventBus;
  /** Replaces the context's `em` and `loaders` with fresh ones (set by the kit for graphql-ws operations). */
  renewScope?: () => void;
}

/** Most events a slow subscriber may have waiting; beyond it the oldest are dropped. */
export const MAX_QUEUED_EVENTS = 1_000;

/**
 * The `subscribe` of a `@Subscription`: the events of `topic` on the bus for which `accept` says yes (it may
 * load data, e.g. to never push a draft to someone who may not read it), each yielded after a fresh request
 * scope was opened.
 *
 * Hand-written rather than an `async function*`: a generator's `return()` waits for the pending `next()`, so an
 * idle subscription would only be torn down after its next event. Here `return()` unsubscribes at once.
 */
export function busSubscription<TPayload extends Record<string, unknown>>(
  context: SubscriptionScope,
  topic: string,
  accept: (payload: TPayload) => boolean | Promise<boolean> = () => true,
): AsyncIterableIterator<TPayload> {
  const queue: TPayload[] = [];
  let waiting: ((result: IteratorResult<TPayload>) => void) | undefined;
  let finished = false;
  let unsubscribe: (() => void) | undefined;
  let failure: unknown;

  const subscribed = context.bus
    .subscribe(topic, (payload) => {
      if (finished) return;
      if (queue.length >= MAX_QUEUED_EVENTS) queue.shift();
      queue.push(payload as TPayload);
      wake();
    })
    .then(
      (stop) => {
        unsubscribe = stop;
        if (finished) stop();
      },
      (error: unknown) => {
        failure = error;
        wake();
      },
    );

  function wake() {
    const resolve = waiting;
    waiting = undefined;
    resolve?.({ value: undefined, done: false } as unknown as IteratorResult<TPayload>);
  }

  function finish(): IteratorResult<TPayload> {
    finished = true;
    queue.length = 0;
    unsubscribe?.();
    const resolve = waiting;
    waiting = undefined;
    resolve?.({ value: undefined, done: true });
    return { value: undefined, done: true };
  }

  const iterator: AsyncIterableIterator<TPayload> = {
    async next() {
      await subscribed;
      while (!finished) {
        if (failure) {
          finish();
          throw failure;
        }
        const payload = queue.shift();
        if (payload) {
          context.renewScope?.();
          if (await accept(payload)) return { value: payload, done: false };
          continue;
        }
        const woken = await new Promise<IteratorResult<TPayload>>((resolve) => (waiting = resolve));
        if (woken.done) break;
      }
      return { value: undefined, done: true };
    },
    async return() {
      return finish();
    },
    async throw(error?: unknown) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, but every hub subscription brings its own
 * `subscribe` (`busSubscription`), so this one refuses to be used.
 */
export const UNUSED_PUBSUB: PubSub = {
  publish() {
    throw new Error('Publish domain events through performWrite (the event bus), not type-graphql’s PubSub');
  },
  subscribe() {
    throw new Error('Give every @Subscription a `subscribe` built with busSubscription()');
  },
};

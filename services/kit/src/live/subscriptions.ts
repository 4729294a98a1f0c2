import type { PubSub } from 'type-graphql';
import type { EventBus } from './event-bus';
import { createPushIterator } from './push-iterator';

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
 * scope was opened. Built on `createPushIterator`, so `return()` unsubscribes at once, even while idle.
 */
export function busSubscription<TPayload extends Record<string, unknown>>(
  context: SubscriptionScope,
  topic: string,
  accept: (payload: TPayload) => boolean | Promise<boolean> = () => true,
): AsyncIterableIterator<TPayload> {
  let unsubscribe: (() => void) | undefined;
  const events = createPushIterator<TPayload>({
    maxQueued: MAX_QUEUED_EVENTS,
    onClose: () => unsubscribe?.(),
  });
  const subscribed = context.bus
    .subscribe(topic, (payload) => events.push(payload as TPayload))
    .then(
      (stop) => {
        unsubscribe = stop;
        if (events.isClosed) stop();
      },
      (error: unknown) => events.fail(error),
    );

  const iterator: AsyncIterableIterator<TPayload> = {
    async next() {
      await subscribed;
      for (;;) {
        const result = await events.next();
        if (result.done) return result;
        context.renewScope?.();
        if (await accept(result.value)) return result;
      }
    },
    return: () => events.return(),
    throw: (error?: unknown) => events.throw(error),
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

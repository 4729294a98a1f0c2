import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { referenceConstructor, referenceResolver } from './references';
import { UUID_PATTERN } from '../vocabulary/patterns';

// Descriptions as their owners give them (events owns `Event`, forum owns `Thread`): composition keeps one.
const EVENT_DESCRIPTION =
  'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …';
const THREAD_DESCRIPTION =
  'A discussion among partners: a title, an opening post and replies, linked to regions, an organisation and optionally an event.';

/**
 * Fresh `Event` (events subgraph) and `Thread` (forum subgraph) reference types for ONE subgraph that points at
 * them or extends them, keyed by `id` (a UUID), with stub constructors and `__resolveReference`s — the
 * counterpart of `createReferenceTypes` for Region and Organisation, with the same rule: call once per
 * subgraph, at module level. `threadResolvable: false` declares `Thread` as a reference only (`@key(…,
 * resolvable: false)`) for a subgraph that adds no field to it; `Thread` then has no `__resolveReference`.
 *
 * ```ts
 * export const { Event, Thread, event, thread, references } = createActivityReferenceTypes();
 * export type Event = InstanceType<typeof Event>;
 * ```
 */
export function createActivityReferenceTypes(options: { threadResolvable?: boolean } = {}) {
  const threadResolvable = options.threadResolvable ?? true;

  @ObjectType('Event', { description: EVENT_DESCRIPTION })
  @Directive('@key(fields: "id")')
  class Event {
    @Field(() => ID, { description: 'Stable identifier (a UUID).' })
    id!: string;
  }

  @ObjectType('Thread', { description: THREAD_DESCRIPTION })
  @Directive(threadResolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class Thread {
    @Field(() => ID, { description: 'Stable identifier of the thread (a UUID).' })
    id!: string;
  }

  return {
    Event,
    Thread,
    /** An `Event` stub for an id (this subgraph's fields resolve on it; the gateway fetches the rest). */
    event: referenceConstructor(Event, 'id'),
    /** A `Thread` stub for an id. */
    thread: referenceConstructor(Thread, 'id'),
    /** `__resolveReference`s: a stub for any UUID (the owners hold the rows), null otherwise. */
    references: {
      Event: referenceResolver(Event, 'id', UUID_PATTERN),
      ...(threadResolvable ? { Thread: referenceResolver(Thread, 'id', UUID_PATTERN) } : {}),
    },
  };
}

/** What `createActivityReferenceTypes` returns. */
export type ActivityReferenceTypes = ReturnType<typeof createActivityReferenceTypes>;

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { referenceConstructor, referenceResolver } from './references';
import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN, UUID_PATTERN } from '../vocabulary/patterns';

/** A type another subgraph owns, as the subgraphs that extend it or point at it declare it. */
export interface ReferenceTypeSpec<K extends string = string> {
  /** The GraphQL type name. */
  typename: string;
  /** The type's description, as its owner gives it (composition keeps one). */
  description: string;
  /** The key field (`@key(fields: …)`), an `ID`. */
  key: K;
  /** The key field's description, as its owner gives it. */
  keyDescription: string;
  /** The keys `__resolveReference` makes a stub for (null for any other). */
  pattern: RegExp;
}

/** The regions subgraph's `Region` (key `code`). */
export const REGION_REFERENCE = {
  typename: 'Region',
  description:
    'A territorial unit of the NUTS 2024 classification (EU-27) or of the 2024 statistical regions (EFTA and candidate countries), levels 0 (country) to 3. Source: Eurostat.',
  key: 'code',
  keyDescription: 'NUTS 2024 code, e.g. "FR10" (Ile-de-France) or "EL43" (Kriti).',
  pattern: NUTS_CODE_PATTERN,
} as const satisfies ReferenceTypeSpec;

/** The regions subgraph's `Organisation` (key `id`). */
export const ORGANISATION_REFERENCE = {
  typename: 'Organisation',
  description:
    'A partner organisation of the hub: an EU body, a network of regions or cities, or a region or city.',
  key: 'id',
  keyDescription: 'Stable identifier, e.g. "cor", "cpmr", "cpmr-north-sea-commission".',
  pattern: ORGANISATION_ID_PATTERN,
} as const satisfies ReferenceTypeSpec;

/** The events subgraph's `Event` (key `id`, a UUID). */
export const EVENT_REFERENCE = {
  typename: 'Event',
  description:
    'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …',
  key: 'id',
  keyDescription: 'Stable identifier (a UUID).',
  pattern: UUID_PATTERN,
} as const satisfies ReferenceTypeSpec;

/** The forum subgraph's `Thread` (key `id`, a UUID). */
export const THREAD_REFERENCE = {
  typename: 'Thread',
  description:
    'A discussion among partners: a title, an opening post and replies, linked to regions, an organisation and optionally an event.',
  key: 'id',
  keyDescription: 'Stable identifier of the thread (a UUID).',
  pattern: UUID_PATTERN,
} as const satisfies ReferenceTypeSpec;

/**
 * A fresh reference type for ONE subgraph that extends a type another subgraph owns or points at it: an
 * `@ObjectType` class holding only the key, a stub constructor and its `__resolveReference` (a stub for any key
 * matching `spec.pattern`, null otherwise). Call once per subgraph, at module level: type-graphql's metadata is
 * global and the hub runs every subgraph in one process, so a class shared by two subgraphs would carry one
 * subgraph's field resolvers into the other's schema. `resolvable: false` declares the type as a reference only
 * (`@key(…, resolvable: false)`), for a subgraph that adds no field to it: leave `resolver` out of its
 * `references` then.
 *
 * ```ts
 * const event = createReferenceType(EVENT_REFERENCE);
 * export const Event = event.Type;
 * export type Event = InstanceType<typeof Event>;
 * // subgraph.ts: defineSubgraph({ …, references: { Event: event.resolver } })
 * ```
 */
export function createReferenceType<K extends string>(
  spec: ReferenceTypeSpec<K>,
  options: { resolvable?: boolean } = {},
) {
  const resolvable = options.resolvable ?? true;
  class Reference {}
  // The decorators `@ObjectType(…) @Directive(…) class { @Field(…) [key]!: string }` would apply, in their order.
  Field(() => ID, { description: spec.keyDescription })(Reference.prototype, spec.key);
  Directive(resolvable ? `@key(fields: "${spec.key}")` : `@key(fields: "${spec.key}", resolvable: false)`)(
    Reference,
  );
  ObjectType(spec.typename, { description: spec.description })(Reference);
  const Type = Reference as new () => Record<K, string>;
  return {
    Type,
    /** A stub for a key (this subgraph's fields resolve on it; the gateway fetches the rest). */
    reference: referenceConstructor(Type, spec.key),
    /** `__resolveReference`: a stub for any well-formed key (the owner holds the rows), null otherwise. */
    resolver: referenceResolver(Type, spec.key, spec.pattern),
  };
}

/**
 * Fresh `Region` (key `code`) and `Organisation` (key `id`) reference types for ONE subgraph that extends
 * them (the regions subgraph owns both), with stub constructors and `__resolveReference`s (see
 * `createReferenceType`: call once per subgraph, at module level).
 *
 * ```ts
 * export const { Region, Organisation, region, organisation, references } = createReferenceTypes();
 * export type Region = InstanceType<typeof Region>;
 * // resolvers/region.reference.ts: @Resolver(() => Region) class … { @FieldResolver(() => [Event]) events(…) }
 * // subgraph.ts: defineSubgraph({ …, references: { ...references } })
 * ```
 */
export function createReferenceTypes() {
  const region = createReferenceType(REGION_REFERENCE);
  const organisation = createReferenceType(ORGANISATION_REFERENCE);
  return {
    Region: region.Type,
    Organisation: organisation.Type,
    /** A `Region` stub for a code (this subgraph's fields resolve on it; the gateway fetches the rest). */
    region: region.reference,
    /** An `Organisation` stub for an id. */
    organisation: organisation.reference,
    /** `__resolveReference`s: a stub for any well-formed key (regions owns the lists), null otherwise. */
    references: { Region: region.resolver, Organisation: organisation.resolver },
  };
}

/** What `createReferenceTypes` returns. */
export type ReferenceTypes = ReturnType<typeof createReferenceTypes>;

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
  const event = createReferenceType(EVENT_REFERENCE);
  const thread = createReferenceType(THREAD_REFERENCE, { resolvable: threadResolvable });
  return {
    Event: event.Type,
    Thread: thread.Type,
    /** An `Event` stub for an id (this subgraph's fields resolve on it; the gateway fetches the rest). */
    event: event.reference,
    /** A `Thread` stub for an id. */
    thread: thread.reference,
    /** `__resolveReference`s: a stub for any UUID (the owners hold the rows), null otherwise. */
    references: {
      Event: event.resolver,
      ...(threadResolvable ? { Thread: thread.resolver } : {}),
    },
  };
}

/** What `createActivityReferenceTypes` returns. */
export type ActivityReferenceTypes = ReturnType<typeof createActivityReferenceTypes>;

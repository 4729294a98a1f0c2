import { createPostgresEventBus, createRedisEventBus, type EventBus, type Logger } from '@hub/kit';
import { entityTag, entityTypeTag, subgraphTag } from './cache-entities';

/**
 * The domain events the subgraphs publish after commit (`performWrite`), as the response cache reads them.
 * `entities`: the entity types (as in the supergraph) the topic names by key (`payloadKey`: the payload field
 * holding it, a key or a list of keys) — the cache evicts exactly the entries showing those entities. Every
 * event also evicts what of its subgraph no entity covers (lists, counts, lookups that found nothing: the
 * `s:<subgraph>` tag), so a new thread in an event's thread list, or an observation moving a ranking, evicts
 * the entries showing that list or ranking.
 *
 * The rule that makes a type trackable: every committed write that changes a field its subgraph serves on the
 * entity — for an anonymous caller, the only one the cache serves — publishes one of these events naming its
 * key (checked in the subgraph's `writes/`). A field of the entity that another subgraph serves is not covered
 * (it is tagged with that subgraph). Per subgraph:
 *
 * - events: `Event` (every event write publishes `eventChanged`).
 * - forum: `Thread` — starting it, replies, edits, hiding/showing posts and moderation of the thread (reasons
 *   included) all publish `threadChanged` with its id; posts have no key and belong to their thread.
 * - dialogue: `Consultation` — writes to a DRAFT publish nothing, but a draft is never shown anonymously and
 *   opening it publishes; responses change only `responseCount` (published) and results, public once
 *   published, when responses are frozen. `Response` is not tracked (never shown anonymously).
 * - exchanges: `Pairing` (its moves and its feedback publish `pairingChanged`), and `Programme` (its own
 *   writes publish `programmeChanged`; a pairing's event names its programme, whose `pairings` list it is in).
 *   `Application` is not tracked: never shown anonymously, and its writes publish nothing.
 * - indicators: `Indicator` (catalogue fields no API write changes; a batch names the indicators it touched).
 *   Observations have no key: every batch evicts what shows observations, rankings or comparisons.
 * - library: `Resource` — every write through the API publishes `resourceChanged`.
 *
 * Imports run by a subgraph's CLI publish nothing: the entries they make stale wait for the time to live.
 */
export const DOMAIN_EVENT_TOPICS: Readonly<
  Record<string, { topic: string; entities: { type: string; payloadKey: string }[] }[]>
> = {
  events: [{ topic: 'events.eventChanged', entities: [{ type: 'Event', payloadKey: 'id' }] }],
  forum: [{ topic: 'forum.threadChanged', entities: [{ type: 'Thread', payloadKey: 'threadId' }] }],
  dialogue: [
    { topic: 'dialogue.consultationChanged', entities: [{ type: 'Consultation', payloadKey: 'id' }] },
  ],
  exchanges: [
    {
      topic: 'exchanges.pairingChanged',
      entities: [
        { type: 'Pairing', payloadKey: 'id' },
        { type: 'Programme', payloadKey: 'programmeId' },
      ],
    },
    { topic: 'exchanges.programmeChanged', entities: [{ type: 'Programme', payloadKey: 'id' }] },
  ],
  indicators: [
    { topic: 'indicators.observationRecorded', entities: [{ type: 'Indicator', payloadKey: 'indicators' }] },
  ],
  library: [
    { topic: 'library.resourceChanged', entities: [{ type: 'Resource', payloadKey: 'id' }] },
    { topic: 'library.resourcePublished', entities: [{ type: 'Resource', payloadKey: 'id' }] },
  ],
};

const isKey = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

/**
 * Where the gateway hears one subgraph's domain events: the subgraph's own bus. In the default setup each
 * subgraph publishes by LISTEN/NOTIFY on its database (`postgresUrl`, the subgraph's database); with
 * `REDIS_URL` on Redis channels namespaced by its database name (`redisUrl` and `namespace`). `bus`: a bus
 * already open in this process (tests, the local runner), used and not closed.
 */
export type DomainEventSource = { subgraph: string } & (
  { postgresUrl: string } | { redisUrl: string; namespace: string } | { bus: EventBus }
);

/** The entity types the connected subgraphs' events cover, with the subgraph covering each. */
export function trackedEntities(sources: readonly DomainEventSource[]): Map<string, string> {
  const tracked = new Map<string, string>();
  for (const { subgraph } of sources) {
    for (const { entities } of DOMAIN_EVENT_TOPICS[subgraph] ?? [])
      for (const { type } of entities) tracked.set(type, subgraph);
  }
  return tracked;
}

/** The cache tags a domain event evicts: the entities it names, and what of its subgraph no entity covers. */
export function tagsOfEvent(subgraph: string, topic: string, payload: Record<string, unknown>): string[] {
  const tags = [subgraphTag(subgraph)];
  const entry = DOMAIN_EVENT_TOPICS[subgraph]?.find((candidate) => candidate.topic === topic);
  for (const { type, payloadKey } of entry?.entities ?? []) {
    const value = payload[payloadKey];
    const keys = Array.isArray(value) ? value : [value];
    if (keys.every(isKey)) for (const key of keys) tags.push(entityTag(type, String(key)));
    // an event without its key (an older publisher) names no entity: every entry showing one of that type goes
    else tags.push(entityTypeTag(type));
  }
  return tags;
}

/**
 * Listens to every source's topics; `onEvent` gets the subgraph, topic and payload. Resolves once every
 * subscription is active (sources of subgraphs without topics are skipped); the returned function stops
 * listening and closes the buses it opened.
 */
export async function listenToDomainEvents(
  sources: readonly DomainEventSource[],
  logger: Logger,
  onEvent: (subgraph: string, topic: string, payload: Record<string, unknown>) => void,
): Promise<() => Promise<void>> {
  const opened: EventBus[] = [];
  const unsubscribes: (() => void)[] = [];
  const stop = async () => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    await Promise.allSettled(opened.splice(0).map((bus) => bus.close()));
  };
  try {
    for (const source of sources) {
      const topics = DOMAIN_EVENT_TOPICS[source.subgraph];
      // a subgraph that publishes nothing (regions) is written to through gateways only
      if (!topics) continue;
      let bus: EventBus;
      if ('bus' in source) bus = source.bus;
      else {
        bus =
          'postgresUrl' in source
            ? await createPostgresEventBus({ connectionString: source.postgresUrl, logger })
            : await createRedisEventBus({ url: source.redisUrl, namespace: source.namespace, logger });
        opened.push(bus);
      }
      for (const { topic } of topics) {
        unsubscribes.push(await bus.subscribe(topic, (payload) => onEvent(source.subgraph, topic, payload)));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

import { createPostgresEventBus, createRedisEventBus, type EventBus, type Logger } from '@hub/kit';
import { entityTag, entityTypeTag, subgraphTag } from './cache-entities';

/**
 * The domain events the subgraphs publish after commit (`performWrite`), as the response cache reads them.
 * `entities`: the entity types the topic names by key — the cache evicts exactly the entries showing that
 * entity. A subgraph is listed with entities only where every committed write that changes a field it serves
 * on the entity publishes the entity's event (checked in its `writes/`); for the others, any of its events
 * evicts everything built from it (still better than waiting for the time to live when a write does not come
 * through a gateway).
 */
export const DOMAIN_EVENT_TOPICS: Readonly<
  Record<string, { topic: string; entities: { type: string; payloadKey: string }[] }[]>
> = {
  events: [{ topic: 'events.eventChanged', entities: [{ type: 'Event', payloadKey: 'id' }] }],
  forum: [{ topic: 'forum.threadChanged', entities: [] }],
  dialogue: [{ topic: 'dialogue.consultationChanged', entities: [] }],
  exchanges: [{ topic: 'exchanges.pairingChanged', entities: [] }],
  indicators: [{ topic: 'indicators.observationRecorded', entities: [] }],
  library: [{ topic: 'library.resourcePublished', entities: [] }],
};

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
    const key = payload[payloadKey];
    if (typeof key === 'string' || typeof key === 'number') tags.push(entityTag(type, String(key)));
    // an event without its key names no entity: every entry showing one of that type goes
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

import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventLinksLoader } from './event-links.loader';
import { eventByIdLoader } from './event.loader';
import { scopedEventCountsLoader, scopedEventPagesLoader } from './scoped-events.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    eventById: eventByIdLoader(em),
    hostRegionCodes: eventLinksLoader(em, 'hostRegions'),
    organiserIds: eventLinksLoader(em, 'organisers'),
    pendingOrganiserIds: eventLinksLoader(em, 'pendingOrganisers'),
    scopedPages: scopedEventPagesLoader(em),
    scopedCounts: scopedEventCountsLoader(em),
  };
}

export type EventsLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type EventsContext = SubgraphContext<EventsLoaders>;

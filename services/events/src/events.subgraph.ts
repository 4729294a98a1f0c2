import { createAuditLogResolver, type SubgraphDefinition } from '@hub/kit';
import { Event } from './entities/event.entity';
import { resolveOrganisationReference, resolveRegionReference } from './entities/references';
import { createEventsLoaders, type EventsLoaders } from './loaders/loaders';
import { eventsMigrations } from './migrations';
import { EventSubscriptionResolver } from './resolvers/subscription.resolver';
import { EventWriteResolver } from './resolvers/event-write.resolver';
import { EventResolver, resolveEventReference } from './resolvers/event.resolver';
import { OrganisationEventsResolver, RegionEventsResolver } from './resolvers/scoped-events.resolver';
import { partnershipEventsSeed } from './seeds/partnership-events.seed';

/** Admins read the writes to events as `eventsAuditLog`. */
const EventsAuditLogResolver = createAuditLogResolver('eventsAuditLog', 'events');

/** The events subgraph: the partnership's activities, their host regions and organisers. */
export const eventsSubgraph: SubgraphDefinition<EventsLoaders> = {
  name: 'events',
  entities: [Event],
  migrations: eventsMigrations,
  resolvers: [
    EventResolver,
    RegionEventsResolver,
    OrganisationEventsResolver,
    EventWriteResolver,
    EventSubscriptionResolver,
    EventsAuditLogResolver,
  ],
  referenceResolvers: {
    Event: resolveEventReference,
    Region: resolveRegionReference,
    Organisation: resolveOrganisationReference,
  },
  createLoaders: createEventsLoaders,
  seeds: [partnershipEventsSeed],
};

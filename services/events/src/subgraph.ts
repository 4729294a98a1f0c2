import { createAuditLog, defineSubgraph } from '@hub/kit';
import { Event } from './entities/event.entity';
import { Organisation, referenceResolvers } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolveEventReference } from './resolvers/event.reference';
import { EventWriteResolver } from './resolvers/event-write.resolver';
import { EventResolver } from './resolvers/event.resolver';
import { OrganisationEventsResolver } from './resolvers/organisation.resolver';
import { RegionEventsResolver } from './resolvers/region.resolver';
import { EventSubscriptionResolver } from './resolvers/subscription.resolver';
import { seeds } from './seeds';

/** Admins read the writes to events as `eventsAuditLog`. */
const { AuditLogResolver } = createAuditLog({
  fieldName: 'eventsAuditLog',
  whatIsAudited: 'events',
  organisationType: Organisation,
});

/** The events subgraph: the partnership's activities, their host regions and organisers. */
export const subgraph = defineSubgraph({
  name: 'events',
  entities: [Event],
  migrations,
  resolvers: [
    EventResolver,
    RegionEventsResolver,
    OrganisationEventsResolver,
    EventWriteResolver,
    EventSubscriptionResolver,
    AuditLogResolver,
  ],
  references: {
    Event: resolveEventReference,
    ...referenceResolvers,
  },
  loaders: createLoaders,
  seeds,
  errorExtensions: {
    // CONFLICT of publishEvent / cancelEvent / updateEvent when the event's status does not allow the change.
    currentStatus: 'string',
  },
});

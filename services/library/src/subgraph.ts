import { createAuditLog, defineSubgraph } from '@hub/kit';
import { Organisation, referenceResolvers } from './entities/references.type';
import { Resource } from './entities/resource.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { EventMaterialsResolver } from './resolvers/event.resolver';
import { OrganisationResourcesResolver } from './resolvers/organisation.resolver';
import { RegionResourcesResolver } from './resolvers/region.resolver';
import { resolveResourceReference } from './resolvers/resource.reference';
import { ResourceResolver } from './resolvers/resource.resolver';
import { ResourceWriteResolver } from './resolvers/resource-write.resolver';
import { ResourceSubscriptionResolver } from './resolvers/subscription.resolver';
import { ThreadResourcesResolver } from './resolvers/thread.resolver';
import { seeds } from './seeds';
import { importCommand } from './writes/import-command.write';

/** Admins read the writes to resources as `libraryAuditLog`. */
const { AuditLogResolver } = createAuditLog({
  fieldName: 'libraryAuditLog',
  whatIsAudited: 'library resources',
  organisationType: Organisation,
});

/** The library subgraph: good practices, training materials, studies … searchable and on a map. */
export const subgraph = defineSubgraph({
  name: 'library',
  entities: [Resource],
  migrations,
  resolvers: [
    ResourceResolver,
    ResourceWriteResolver,
    RegionResourcesResolver,
    OrganisationResourcesResolver,
    EventMaterialsResolver,
    ThreadResourcesResolver,
    ResourceSubscriptionResolver,
    AuditLogResolver,
  ],
  references: {
    Resource: resolveResourceReference,
    ...referenceResolvers,
  },
  loaders: createLoaders,
  seeds,
  commands: { import: importCommand },
  errorExtensions: {
    // CONFLICT of a status transition the status does not allow, or of a change to an archived resource.
    currentStatus: 'string',
  },
});

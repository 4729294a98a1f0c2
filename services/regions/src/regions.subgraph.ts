import { createAuditLogResolver, type SubgraphDefinition } from '@hub/kit';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { Region } from './entities/region.entity';
import { createRegionsLoaders, type RegionsLoaders } from './loaders/loaders';
import { regionsMigrations } from './migrations';
import { AdminResolver } from './resolvers/admin.resolver';
import { MembershipResolver } from './resolvers/membership.resolver';
import { resolveOrganisationReference } from './resolvers/organisation.reference';
import { OrganisationResolver } from './resolvers/organisation.resolver';
import { resolveRegionReference } from './resolvers/region.reference';
import { RegionResolver } from './resolvers/region.resolver';
import { referenceDataSeed } from './seeds/reference.seed';

/** Admins read the writes to organisations and memberships as `auditLog`. */
const RegionsAuditLogResolver = createAuditLogResolver('auditLog', 'organisations and memberships');

/** The regions subgraph: NUTS 2024 regions, partner organisations and memberships. */
export const regionsSubgraph: SubgraphDefinition<RegionsLoaders> = {
  name: 'regions',
  entities: [Region, Organisation, Membership],
  migrations: regionsMigrations,
  resolvers: [
    RegionResolver,
    OrganisationResolver,
    MembershipResolver,
    AdminResolver,
    RegionsAuditLogResolver,
  ],
  referenceResolvers: {
    Region: resolveRegionReference,
    Organisation: resolveOrganisationReference,
  },
  createLoaders: createRegionsLoaders,
  seeds: [referenceDataSeed],
};

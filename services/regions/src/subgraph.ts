import { defineSubgraph } from '@hub/kit';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { Region } from './entities/region.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { AuditLogResolver } from './resolvers/audit-log.resolver';
import { MembershipResolver } from './resolvers/membership.resolver';
import { resolveOrganisationReference } from './resolvers/organisation.reference';
import { OrganisationResolver } from './resolvers/organisation.resolver';
import { resolveRegionReference } from './resolvers/region.reference';
import { RegionResolver } from './resolvers/region.resolver';
import { seeds } from './seeds';

/** The regions subgraph: NUTS 2024 regions, partner organisations and memberships. */
export const subgraph = defineSubgraph({
  name: 'regions',
  entities: [Region, Organisation, Membership],
  migrations,
  resolvers: [RegionResolver, OrganisationResolver, MembershipResolver, AuditLogResolver],
  references: {
    Region: resolveRegionReference,
    Organisation: resolveOrganisationReference,
  },
  loaders: createLoaders,
  seeds,
  // Its own errors carry only the kit's extensions (fieldErrors, unknownKeys, currentVersion).
  errorExtensions: {},
});

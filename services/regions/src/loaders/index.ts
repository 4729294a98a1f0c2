import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  membershipsByMemberOrganisationIdLoader,
  membershipsByOrganisationIdLoader,
  membershipsByRegionCodeLoader,
} from './membership.loader';
import { organisationByIdLoader } from './organisation.loader';
import { childrenByParentCodeLoader, geometryByCodeLoader, regionByCodeLoader } from './region.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    regionByCode: regionByCodeLoader(em),
    childrenByParentCode: childrenByParentCodeLoader(em),
    geometryByCode: geometryByCodeLoader(em),
    organisationById: organisationByIdLoader(em),
    membershipsByRegionCode: membershipsByRegionCodeLoader(em),
    membershipsByOrganisationId: membershipsByOrganisationIdLoader(em),
    membershipsByMemberOrganisationId: membershipsByMemberOrganisationIdLoader(em),
  };
}

export type RegionsLoaders = ReturnType<typeof createLoaders>;

/** What every resolver of this subgraph receives. */
export type RegionsContext = SubgraphContext<RegionsLoaders>;

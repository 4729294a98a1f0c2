import { groupInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Membership } from '../entities/membership.entity';
import {
  membershipsOfMemberOrganisations,
  membershipsOfOrganisations,
  membershipsOfRegions,
} from '../queries/memberships.query';

/** The memberships of each member region (`Region.memberships`), by organisation. */
export function membershipsByRegionCodeLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (codes) =>
    groupInKeyOrder(
      codes,
      await membershipsOfRegions(em, codes),
      (membership) => membership.memberRegionCode ?? '',
    ),
  );
}

/** The members of each organisation (`Organisation.members`): regions by code, then organisations by id. */
export function membershipsByOrganisationIdLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (ids) =>
    groupInKeyOrder(
      ids,
      await membershipsOfOrganisations(em, ids),
      (membership) => membership.organisationId,
    ),
  );
}

/** The memberships of each member organisation (`Organisation.memberOf`), by organisation. */
export function membershipsByMemberOrganisationIdLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (ids) =>
    groupInKeyOrder(
      ids,
      await membershipsOfMemberOrganisations(em, ids),
      (membership) => membership.memberOrganisationId ?? '',
    ),
  );
}

import { groupInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Membership } from '../entities/membership.entity';

/** The memberships of each member region (`Region.memberships`), by organisation. */
export function membershipsByRegionCodeLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (codes) =>
    groupInKeyOrder(
      codes,
      await em.find(
        Membership,
        { memberRegionCode: { $in: [...codes] } },
        { orderBy: { organisationId: 'asc' } },
      ),
      (membership) => membership.memberRegionCode ?? '',
    ),
  );
}

/** The members of each organisation (`Organisation.members`): regions by code, then organisations by id. */
export function membershipsByOrganisationIdLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (ids) =>
    groupInKeyOrder(
      ids,
      await em.find(
        Membership,
        { organisationId: { $in: [...ids] } },
        { orderBy: { memberRegionCode: 'asc', memberOrganisationId: 'asc' } },
      ),
      (membership) => membership.organisationId,
    ),
  );
}

/** The memberships of each member organisation (`Organisation.memberOf`), by organisation. */
export function membershipsByMemberOrganisationIdLoader(em: EntityManager) {
  return new DataLoader<string, Membership[]>(async (ids) =>
    groupInKeyOrder(
      ids,
      await em.find(
        Membership,
        { memberOrganisationId: { $in: [...ids] } },
        { orderBy: { organisationId: 'asc' } },
      ),
      (membership) => membership.memberOrganisationId ?? '',
    ),
  );
}

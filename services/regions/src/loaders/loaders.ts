import { groupInKeyOrder, oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Region } from '../entities/region.entity';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createRegionsLoaders(em: EntityManager) {
  return {
    regionByCode: new DataLoader<string, Region | null>(async (codes) =>
      oneInKeyOrder(codes, await em.find(Region, { code: { $in: [...codes] } }), (r) => r.code),
    ),
    childrenByParentCode: new DataLoader<string, Region[]>(async (codes) =>
      groupInKeyOrder(
        codes,
        await em.find(Region, { parentCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
        (r) => r.parentCode ?? '',
      ),
    ),
    geometryByCode: new DataLoader<string, Record<string, unknown> | null>(async (codes) => {
      const rows = await em
        .createQueryBuilder(Region)
        .select(['code', 'geometry'])
        .where({ code: { $in: [...codes] } })
        .execute<Array<{ code: string; geometry: Record<string, unknown> | null }>>('all', false);
      return oneInKeyOrder(codes, rows, (r) => r.code).map((row) => row?.geometry ?? null);
    }),
    organisationById: new DataLoader<string, Organisation | null>(async (ids) =>
      oneInKeyOrder(ids, await em.find(Organisation, { id: { $in: [...ids] } }), (o) => o.id),
    ),
    membershipsByRegionCode: new DataLoader<string, Membership[]>(async (codes) =>
      groupInKeyOrder(
        codes,
        await em.find(
          Membership,
          { memberRegionCode: { $in: [...codes] } },
          { orderBy: { organisationId: 'asc' } },
        ),
        (m) => m.memberRegionCode ?? '',
      ),
    ),
    membershipsByOrganisationId: new DataLoader<string, Membership[]>(async (ids) =>
      groupInKeyOrder(
        ids,
        await em.find(
          Membership,
          { organisationId: { $in: [...ids] } },
          { orderBy: { memberRegionCode: 'asc', memberOrganisationId: 'asc' } },
        ),
        (m) => m.organisationId,
      ),
    ),
    membershipsByMemberOrganisationId: new DataLoader<string, Membership[]>(async (ids) =>
      groupInKeyOrder(
        ids,
        await em.find(
          Membership,
          { memberOrganisationId: { $in: [...ids] } },
          { orderBy: { organisationId: 'asc' } },
        ),
        (m) => m.memberOrganisationId ?? '',
      ),
    ),
  };
}

export type RegionsLoaders = ReturnType<typeof createRegionsLoaders>;

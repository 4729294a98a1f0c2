import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Organisation } from '../entities/organisation.entity';
import type { OrganisationsArgs } from '../inputs/organisations.input';

/** The filter of `organisations(...)`: a plain entity load, so MikroORM's filter objects suffice. */
export function organisationsWhere(args: OrganisationsArgs): FilterQuery<Organisation> {
  return args.kind ? { kind: args.kind } : {};
}

/** Up to `limit` organisations matching `where` after the id `afterId`, ordered by id. */
export function listOrganisations(
  em: EntityManager,
  where: FilterQuery<Organisation>,
  afterId: string | null,
  limit: number,
): Promise<Organisation[]> {
  const filtered: FilterQuery<Organisation> =
    afterId === null ? where : { $and: [where, { id: { $gt: afterId } }] };
  return em.find(Organisation, filtered, { orderBy: { id: 'asc' }, limit });
}

/** How many organisations match `where` (the connection's `totalCount`). */
export function countOrganisations(em: EntityManager, where: FilterQuery<Organisation>): Promise<number> {
  return em.count(Organisation, where);
}

import { executeSql, rawSql, sql, sqlList } from '@hub/kit';
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

/** Every column of an Organisation, as entity property names. */
const ORGANISATION_COLUMNS = rawSql(
  [
    'id',
    'name',
    'acronym',
    'kind',
    'website_url AS "websiteUrl"',
    'description',
    'source_url AS "sourceUrl"',
    'version',
    'created_at AS "createdAt"',
    'updated_at AS "updatedAt"',
  ].join(', '),
);

/**
 * The organisations with these ids (any order; ids without one are absent): plain rows, not managed entities
 * (memberships, `_entities` and audit entries only read them).
 */
export function organisationsByIds(em: EntityManager, ids: readonly string[]): Promise<Organisation[]> {
  return executeSql<Organisation>(
    em,
    sql`SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE id IN (${sqlList(ids)})`,
  );
}

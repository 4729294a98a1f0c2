import { executeSql, rawSql, sql, sqlList, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Membership } from '../entities/membership.entity';

/**
 * Every column of a Membership, as entity property names. `since` and `until` are read as text: the
 * `YYYY-MM-DD` strings the entity and the Date scalar hold, whatever type parsers the connection has.
 */
const MEMBERSHIP_COLUMNS = rawSql(
  [
    'id',
    'organisation_id AS "organisationId"',
    'member_region_code AS "memberRegionCode"',
    'member_organisation_id AS "memberOrganisationId"',
    'role',
    'since::text AS since',
    'until::text AS until',
    'source',
    'source_urls AS "sourceUrls"',
    'note',
    'is_partial_list AS "isPartialList"',
    'version',
    'created_at AS "createdAt"',
  ].join(', '),
);

/**
 * Memberships whose `column` is one of `values`, ordered by `orderBy`: plain rows, not managed entities (the
 * read paths only list them; hydrating and tracking them cost more than the SQL for 100 regions' memberships).
 */
function membershipsWhere(
  em: EntityManager,
  column: SqlFragment,
  values: readonly string[],
  orderBy: SqlFragment,
): Promise<Membership[]> {
  return executeSql<Membership>(
    em,
    sql`SELECT ${MEMBERSHIP_COLUMNS} FROM membership WHERE ${column} IN (${sqlList(values)}) ORDER BY ${orderBy}`,
  );
}

/** The memberships of these member regions, ordered by organisation. */
export function membershipsOfRegions(em: EntityManager, codes: readonly string[]): Promise<Membership[]> {
  return membershipsWhere(em, rawSql('member_region_code'), codes, rawSql('organisation_id'));
}

/** The members of these organisations, ordered by member region, then member organisation. */
export function membershipsOfOrganisations(em: EntityManager, ids: readonly string[]): Promise<Membership[]> {
  return membershipsWhere(
    em,
    rawSql('organisation_id'),
    ids,
    rawSql('member_region_code, member_organisation_id'),
  );
}

/** The memberships of these member organisations, ordered by organisation. */
export function membershipsOfMemberOrganisations(
  em: EntityManager,
  ids: readonly string[],
): Promise<Membership[]> {
  return membershipsWhere(em, rawSql('member_organisation_id'), ids, rawSql('organisation_id'));
}

import { executeSql, joinSql, normaliseSearchText, rawSql, sql, sqlList, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Region } from '../entities/region.entity';
import type { RegionsArgs } from '../inputs/regions.input';

/** Every column a Region needs for GraphQL except the (large, lazily loaded) geometry, as entity property names. */
const REGION_LIST_COLUMNS = rawSql(
  [
    'code',
    'level',
    'name',
    'national_name AS "nationalName"',
    'country_code AS "countryCode"',
    'parent_code AS "parentCode"',
    'is_extra_regio AS "isExtraRegio"',
    'is_eu AS "isEu"',
    'classification',
    'mountain_type AS "mountainType"',
    'urban_rural_type AS "urbanRuralType"',
    'coastal_type AS "coastalType"',
  ].join(', '),
);

/** A region as `regions(...)` lists it: a plain row, not a managed entity (a read-only page needs no tracking). */
export type RegionListRow = Omit<Region, 'geometry' | 'searchText' | 'createdAt'>;

/** The filter of `regions(...)` (arguments already validated by class-validator). */
export function regionsWhere(args: RegionsArgs): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (args.level !== null && args.level !== undefined) conditions.push(sql`level = ${args.level}`);
  if (args.country) conditions.push(sql`country_code = ${args.country.trim().toUpperCase()}`);
  if (args.eu !== null && args.eu !== undefined) conditions.push(sql`is_eu = ${args.eu}`);
  if (args.parent) conditions.push(sql`parent_code = ${args.parent.trim().toUpperCase()}`);
  if (!args.includeExtraRegio) conditions.push(sql`NOT is_extra_regio`);
  // Every word must begin a word of a name ("kriti" finds Kriti, not "Vilniaus apskritis"). Normalised text
  // holds only letters, digits and spaces, so the words need no escaping inside the pattern.
  const words = normaliseSearchText(args.search ?? '')
    .split(' ')
    .filter(Boolean);
  for (const word of words) conditions.push(sql`search_text ~ ${`(^| )${word}`}`);
  return joinSql(conditions, ' AND ');
}

/** Up to `limit` regions matching `where` after the code `afterCode`, ordered by code. */
export function listRegions(
  em: EntityManager,
  where: SqlFragment,
  afterCode: string | null,
  limit: number,
): Promise<RegionListRow[]> {
  const page = afterCode === null ? where : sql`${where} AND code > ${afterCode}`;
  return executeSql<RegionListRow>(
    em,
    sql`SELECT ${REGION_LIST_COLUMNS} FROM region WHERE ${page} ORDER BY code LIMIT ${limit}`,
  );
}

/** How many regions match `where` (the connection's `totalCount`). */
export async function countRegions(em: EntityManager, where: SqlFragment): Promise<number> {
  const [row] = await executeSql<{ n: string }>(em, sql`SELECT count(*) AS n FROM region WHERE ${where}`);
  return Number(row?.n ?? 0);
}

/** The regions with these codes (any order; codes without a region are absent). */
export function regionsByCodes(em: EntityManager, codes: readonly string[]): Promise<RegionListRow[]> {
  return executeSql<RegionListRow>(
    em,
    sql`SELECT ${REGION_LIST_COLUMNS} FROM region WHERE code IN (${sqlList(codes)})`,
  );
}

/** The regions one level below these codes, ordered by code. */
export function regionsByParentCodes(em: EntityManager, codes: readonly string[]): Promise<RegionListRow[]> {
  return executeSql<RegionListRow>(
    em,
    sql`SELECT ${REGION_LIST_COLUMNS} FROM region WHERE parent_code IN (${sqlList(codes)}) ORDER BY code`,
  );
}

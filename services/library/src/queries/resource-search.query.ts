import {
  decodeCursor,
  encodeCursor,
  executeSql,
  PageInfo,
  rawSql,
  sql,
  validateFirst,
  type SqlFragment,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ResourceOrder, type ResourceKind } from '../entities/enums';
import { regionReference } from '../entities/references.type';
import { ResourceConnection, ResourceFacets } from '../entities/resource-connection.type';
import { Resource } from '../entities/resource.entity';
import type { ResourceListArgs } from '../inputs/resource-filter.input';
import { relevanceSql, resourceWhere, type SearchTerm } from './resource-filter.query';
import type { Viewer } from './visibility.query';

/** The entity columns of `resource r` (the derived search columns stay in the database). */
export const RESOURCE_COLUMNS = rawSql(
  `r.id, r.kind, r.status, r.language, r.title, r.summary, r.body, r.versions, r.organisation_id, r.authors,
   r.published_on::text AS published_on, r.link, r.licence, r.strand, r.policy_areas, r.target_groups,
   r.territory_codes, r.longitude, r.latitude, r.event_id, r.thread_ids, r.import_key, r.published_at,
   r.archived_at, r.version, r.created_at, r.updated_at`,
);

/** ORDER BY of each order (relevance falls back to the newest first when there is no query). */
export function orderSql(order: ResourceOrder, terms: SearchTerm[]): SqlFragment {
  if (order === ResourceOrder.PUBLISHED_ON_ASC) return rawSql('r.published_on ASC, r.id ASC');
  if (order === ResourceOrder.RELEVANCE && terms.length) {
    return sql`${relevanceSql(terms)} DESC, r.published_on DESC, r.id`;
  }
  return rawSql('r.published_on DESC, r.id DESC');
}

/** Rows of `resource r` (selected with RESOURCE_COLUMNS) as entities of this request's entity manager. */
export function toResources(em: EntityManager, rows: Array<Record<string, unknown>>): Resource[] {
  return rows.map((row) => em.map(Resource, row));
}

/** A page from rows fetched with `LIMIT first + 1 OFFSET offset`: cursors are positions in the list. */
export function toOffsetPage(
  nodes: Resource[],
  first: number,
  offset: number,
): Pick<ResourceConnection, 'edges' | 'pageInfo'> {
  const edges = nodes
    .slice(0, first)
    .map((node, index) => ({ cursor: encodeCursor([offset + index + 1]), node }));
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: nodes.length > first,
    hasPreviousPage: offset > 0,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  });
  return { edges, pageInfo };
}

/** The position an `after` cursor stands for (0 without one). */
export function offsetOf(after: string | null | undefined): number {
  if (!after) return 0;
  const [offset] = decodeCursor(after, 1);
  return Math.max(0, Math.trunc(Number(offset)) || 0);
}

interface FacetRow {
  /** GROUPING() of the five columns: which grouping set the row belongs to (a bit set = not grouped by it). */
  g: number;
  kind: ResourceKind | null;
  language: string | null;
  published_year: number | null;
  policy_areas: string[] | null;
  country_codes: string[] | null;
  n: string;
}

/** GROUPING() values of the grouping sets, in the order of the columns (kind, language, year, areas, countries). */
const SET = {
  kind: 0b01111,
  language: 0b10111,
  year: 0b11011,
  policyAreas: 0b11101,
  countries: 0b11110,
  total: 0b11111,
};

/** Counts by value, largest first (ties by value). */
function counted<T>(counts: Map<T, number>): Array<{ value: T; count: number }> {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}

/** Adds `n` to every element of each array (a resource counts once per policy area or country). */
function countElements(
  rows: FacetRow[],
  set: number,
  of: (row: FacetRow) => string[] | null,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows.filter((row) => row.g === set)) {
    for (const value of new Set(of(row) ?? [])) counts.set(value, (counts.get(value) ?? 0) + Number(row.n));
  }
  return counts;
}

/**
 * Facets of the rows matching `where` in one statement and one scan: grouping sets by kind, language, year,
 * the policy-area array and the country array (few distinct arrays), which are then split into their elements.
 */
export async function resourceFacets(em: EntityManager, where: SqlFragment): Promise<ResourceFacets> {
  const rows = await executeSql<FacetRow>(
    em,
    sql`SELECT GROUPING(r.kind, r.language, r.published_year, r.policy_areas, r.country_codes) AS g,
               r.kind, r.language, r.published_year, r.policy_areas, r.country_codes, count(*) AS n
        FROM resource r WHERE ${where}
        GROUP BY GROUPING SETS ((r.kind), (r.language), (r.published_year), (r.policy_areas), (r.country_codes), ())`,
  );
  const single = <T>(set: number, of: (row: FacetRow) => T) =>
    counted(new Map(rows.filter((row) => row.g === set).map((row) => [of(row), Number(row.n)])));
  return Object.assign(new ResourceFacets(), {
    total: Number(rows.find((row) => row.g === SET.total)?.n ?? 0),
    kinds: single(SET.kind, (row) => row.kind!).map(({ value, count }) => ({ kind: value, count })),
    languages: single(SET.language, (row) => row.language!).map(({ value, count }) => ({
      language: value,
      count,
    })),
    years: single(SET.year, (row) => row.published_year!).map(({ value, count }) => ({ year: value, count })),
    policyAreas: counted(countElements(rows, SET.policyAreas, (row) => row.policy_areas)).map(
      ({ value, count }) => ({ policyArea: value, count }),
    ),
    countries: counted(countElements(rows, SET.countries, (row) => row.country_codes)).map(
      ({ value, count }) => ({
        region: regionReference(value),
        count,
      }),
    ),
  });
}

/** `resources(filter, first, after, orderBy)`: a page, with total and facets counted only when selected. */
export async function searchResources(
  em: EntityManager,
  viewer: Viewer,
  args: ResourceListArgs,
): Promise<ResourceConnection> {
  const first = validateFirst(args.first);
  const offset = offsetOf(args.after);
  const { where, terms } = await resourceWhere(em, args.filter, viewer);
  const order = orderSql(args.orderBy ?? ResourceOrder.RELEVANCE, terms);
  const rows = await executeSql(
    em,
    sql`SELECT ${RESOURCE_COLUMNS} FROM resource r WHERE ${where}
        ORDER BY ${order} LIMIT ${first + 1} OFFSET ${offset}`,
  );
  let facets: Promise<ResourceFacets> | undefined;
  const countFacets = () => (facets ??= resourceFacets(em, where));
  return Object.assign(new ResourceConnection(), toOffsetPage(toResources(em, rows), first, offset), {
    countFacets,
    countTotal: async () => {
      // graphql-js calls every sibling field's resolver before any promise settles: after one microtask a
      // selected `facets` has started, and its total (same filter, same scan) saves a second scan
      await Promise.resolve();
      if (facets) return (await facets).total;
      const [row] = await executeSql<{ n: string }>(
        em,
        sql`SELECT count(*) AS n FROM resource r WHERE ${where}`,
      );
      return Number(row?.n ?? 0);
    },
  });
}

import { executeSql, joinSql, normaliseSearchText, rawSql, sql, sqlList, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ResourceStatus } from '../entities/enums';
import type { ResourceFilter } from '../inputs/resource-filter.input';
import { resourceVisibleSql, type Viewer } from './visibility.query';

/** Most words of a query that are matched (the rest are ignored). */
const MAX_QUERY_TERMS = 8;
/** Shorter words are matched by text search only: trigrams of short words match too much. */
const MIN_FUZZY_TERM_LENGTH = 4;

/** A word of a query, and whether it is matched by name similarity (no stem in the library starts with it). */
export interface SearchTerm {
  term: string;
  fuzzy: boolean;
}

/** The words of a query, accents and case folded like the indexed text. */
export function queryTerms(query: string | null | undefined): string[] {
  return normaliseSearchText(query ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_QUERY_TERMS);
}

/**
 * The words of a query, each marked fuzzy when no resource's text has a stem starting with it in any language
 * (one statement of index lookups, only when some word is long enough): a word found as typed is matched by text
 * search, a word found nowhere — a name typed slightly wrong — by trigram word similarity (pg_trgm's
 * `word_similarity_threshold`, 0.6) with titles and summaries. Common words so never pay for trigrams.
 */
export async function resolveTerms(
  em: EntityManager,
  query: string | null | undefined,
): Promise<SearchTerm[]> {
  const terms = queryTerms(query);
  const candidates = terms.filter((term) => term.length >= MIN_FUZZY_TERM_LENGTH);
  if (!candidates.length) return terms.map((term) => ({ term, fuzzy: false }));
  const checks = candidates.map(
    (term, index) =>
      sql`EXISTS (SELECT 1 FROM resource r WHERE r.search_vector @@ library_tsquery(${term})) AS ${rawSql(`t${index}`)}`,
  );
  const [found] = await executeSql<Record<string, boolean>>(em, sql`SELECT ${joinSql(checks, ', ')}`);
  const fuzzy = new Set(candidates.filter((_, index) => !found?.[`t${index}`]));
  return terms.map((term) => ({ term, fuzzy: fuzzy.has(term) }));
}

const textArray = (values: readonly unknown[]) => sql`ARRAY[${sqlList(values)}]::text[]`;

function termSql({ term, fuzzy }: SearchTerm): SqlFragment {
  return fuzzy ? sql`${term} <% r.search_text` : sql`r.search_vector @@ library_tsquery(${term})`;
}

/** Relevance of a row to the terms: text rank (title above summary above body) plus name similarity. */
export function relevanceSql(terms: SearchTerm[]): SqlFragment {
  const exact = terms.filter((term) => !term.fuzzy);
  const fuzzy = terms.filter((term) => term.fuzzy);
  const parts = [
    ...(exact.length
      ? [
          sql`ts_rank_cd(r.search_vector, ${joinSql(
            exact.map(({ term }) => sql`library_tsquery(${term})`),
            ' || ',
          )})`,
        ]
      : []),
    ...fuzzy.map(({ term }) => sql`word_similarity(${term}, r.search_text)`),
  ];
  return parts.length ? sql`(${joinSql(parts, ' + ')})` : rawSql('0');
}

/** Every condition of `filter` and of the viewer's visibility on the `resource` row aliased `r`. */
export function resourceFilterSql(
  filter: ResourceFilter | null | undefined,
  viewer: Viewer,
  terms: SearchTerm[],
): SqlFragment {
  const f = filter ?? {};
  const statuses = f.statuses?.length ? f.statuses : [ResourceStatus.PUBLISHED];
  const conditions: SqlFragment[] = [sql`r.status IN (${sqlList(statuses)})`];
  // visibility matters only for drafts (and stays out of plans that never see one)
  if (statuses.includes(ResourceStatus.DRAFT)) conditions.push(resourceVisibleSql(viewer));
  if (f.kinds?.length) conditions.push(sql`r.kind IN (${sqlList(f.kinds)})`);
  if (f.policyAreas?.length) conditions.push(sql`r.policy_areas && ${textArray(f.policyAreas)}`);
  if (f.targetGroups?.length) conditions.push(sql`r.target_groups && ${textArray(f.targetGroups)}`);
  if (f.languages?.length) conditions.push(sql`r.language IN (${sqlList(f.languages)})`);
  if (f.years?.length) conditions.push(sql`r.published_year IN (${sqlList(f.years)})`);
  if (f.region) conditions.push(sql`r.region_keys @> ${textArray([f.region])}`);
  if (f.countries?.length) conditions.push(sql`r.country_codes && ${textArray(f.countries)}`);
  if (f.publisher) conditions.push(sql`r.organisation_id = ${f.publisher}`);
  conditions.push(...terms.map(termSql));
  return joinSql(conditions, ' AND ');
}

/** `resourceFilterSql` with the query's words resolved first (see `resolveTerms`). */
export async function resourceWhere(
  em: EntityManager,
  filter: ResourceFilter | null | undefined,
  viewer: Viewer,
): Promise<{ where: SqlFragment; terms: SearchTerm[] }> {
  const terms = await resolveTerms(em, filter?.query);
  return { where: resourceFilterSql(filter, viewer, terms), terms };
}

import {
  canonicalList,
  joinSql,
  normaliseOrganisationFilter,
  normaliseRegionFilter,
  normaliseSearchText,
  rawSql,
  regionAndDescendantsSql,
  sql,
  sqlList,
  type PolicyArea,
  type SqlFragment,
  type Strand,
  type TargetGroup,
} from '@hub/kit';
import { ThreadStatus } from '../entities/enums';
import type { ThreadFilter } from '../inputs/thread-filter.input';

/** A validated `ThreadFilter` in canonical form (part of DataLoader keys): null means "no restriction". */
export interface ThreadListFilter {
  /** NUTS code: the region and its descendants. */
  region: string | null;
  organisation: string | null;
  /** A UUID, lower-cased. */
  event: string | null;
  strands: Strand[] | null;
  policyAreas: PolicyArea[] | null;
  targetGroups: TargetGroup[] | null;
  /** Never empty. */
  statuses: ThreadStatus[];
  /** Folded with `normaliseSearchText`, never empty. */
  search: string | null;
}

/** Statuses listed when a filter names none: archived threads only when asked for. */
export const DEFAULT_STATUSES: readonly ThreadStatus[] = [ThreadStatus.OPEN, ThreadStatus.LOCKED];

/** A `ThreadFilter` (validated by its decorators; region and organisation checked here) in canonical form. */
export function normaliseFilter(filter: ThreadFilter | null | undefined): ThreadListFilter {
  // Folding leaves letters, digits and spaces: a search of punctuation alone restricts nothing.
  const search = filter?.search ? normaliseSearchText(filter.search) || null : null;
  return {
    region: normaliseRegionFilter(filter?.region, 'filter.region'),
    organisation: normaliseOrganisationFilter(filter?.organisation, 'filter.organisation'),
    event: filter?.event?.trim().toLowerCase() || null,
    strands: canonicalList(filter?.strands),
    policyAreas: canonicalList(filter?.policyAreas),
    targetGroups: canonicalList(filter?.targetGroups),
    statuses: canonicalList(filter?.statuses) ?? [...DEFAULT_STATUSES],
    search,
  };
}

/** The filter as one condition on `thread t`. */
export function threadFilterSql(filter: ThreadListFilter): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (filter.region) {
    // A constant prefix: the planner uses the text_pattern_ops index on thread_region.region_code.
    conditions.push(
      sql`EXISTS (SELECT 1 FROM thread_region fr WHERE fr.thread_id = t.id AND ${regionAndDescendantsSql(rawSql('fr.region_code'), filter.region)})`,
    );
  }
  if (filter.organisation) conditions.push(sql`t.organisation_id = ${filter.organisation}`);
  if (filter.event) conditions.push(sql`t.event_id = ${filter.event}::uuid`);
  if (filter.strands) conditions.push(sql`t.strand IN (${sqlList(filter.strands)})`);
  if (filter.policyAreas)
    conditions.push(sql`t.policy_areas && ARRAY[${sqlList(filter.policyAreas)}]::text[]`);
  if (filter.targetGroups) {
    conditions.push(sql`t.target_groups && ARRAY[${sqlList(filter.targetGroups)}]::text[]`);
  }
  conditions.push(sql`t.status IN (${sqlList(filter.statuses)})`);
  // The folded form holds only letters, digits and single spaces: nothing to escape for LIKE.
  if (filter.search) conditions.push(sql`t.search LIKE ${`%${filter.search}%`}`);
  return joinSql(conditions, ' AND ');
}

import {
  badUserInput,
  canonicalList,
  normaliseOrganisationFilter,
  normaliseRegionFilter,
  normaliseSearchText,
  regionAndDescendantsPattern,
} from '@hub/kit';
import { EventStatus } from '../entities/enums';
import type { EventFilter } from '../resolvers/inputs/event-filter.input';
import { visibleToSql, type Viewer } from './visibility';
import { joinSql, rawSql, sql, sqlList, type SqlFragment } from './sql';

export const MAX_SEARCH_LENGTH = 200;

/**
 * A validated filter in canonical form: lists sorted and de-duplicated, instants as ISO strings. Plain JSON, so
 * it can be part of a DataLoader key (equal filters batch together).
 */
export interface NormalisedEventFilter {
  region: string | null;
  organisation: string | null;
  kinds: string[] | null;
  strands: string[] | null;
  policyAreas: string[] | null;
  formats: string[] | null;
  statuses: string[];
  from: string | null;
  to: string | null;
  upcoming: boolean | null;
  searchWords: string[];
}

function instant(value: Date | null | undefined, argumentName: string): string | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badUserInput(`"${argumentName}" is not a date-time.`, argumentName);
  }
  return value.toISOString();
}

/** Validates a filter argument; errors name the offending field (`filter.region` …). */
export function normaliseEventFilter(
  filter: EventFilter | null | undefined,
  argumentName = 'filter',
): NormalisedEventFilter {
  const region = normaliseRegionFilter(filter?.region, `${argumentName}.region`);
  const organisation = normaliseOrganisationFilter(filter?.organisation, `${argumentName}.organisation`);
  const from = instant(filter?.from, `${argumentName}.from`);
  const to = instant(filter?.to, `${argumentName}.to`);
  if (from !== null && to !== null && to <= from) {
    throw badUserInput(`"${argumentName}.to" must be after "${argumentName}.from".`, `${argumentName}.to`);
  }
  const search = filter?.search ?? '';
  if (search.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(
      `"${argumentName}.search" is longer than ${MAX_SEARCH_LENGTH} characters.`,
      `${argumentName}.search`,
    );
  }
  return {
    region,
    organisation,
    kinds: canonicalList(filter?.kinds),
    strands: canonicalList(filter?.strands),
    policyAreas: canonicalList(filter?.policyAreas),
    formats: canonicalList(filter?.formats),
    statuses: canonicalList(filter?.statuses) ?? [EventStatus.PUBLISHED],
    from,
    to,
    upcoming: filter?.upcoming ?? null,
    searchWords: [...new Set(normaliseSearchText(search).split(' ').filter(Boolean))],
  };
}

/** The filter and the viewer's visibility as one condition on the `event` row aliased `e`. */
export function eventFilterSql(filter: NormalisedEventFilter, viewer: Viewer): SqlFragment {
  const conditions: SqlFragment[] = [visibleToSql(viewer), sql`e.status IN (${sqlList(filter.statuses)})`];
  if (filter.region) {
    // A constant prefix pattern, so the text_pattern_ops index on region_code serves it.
    const pattern = regionAndDescendantsPattern(filter.region);
    conditions.push(
      sql`EXISTS (SELECT 1 FROM event_host_region h WHERE h.event_id = e.id AND h.region_code LIKE ${pattern})`,
    );
  }
  if (filter.organisation) {
    conditions.push(
      sql`(e.created_by = ${filter.organisation} OR EXISTS (SELECT 1 FROM event_organiser o WHERE o.event_id = e.id AND o.organisation_id = ${filter.organisation}))`,
    );
  }
  if (filter.kinds) conditions.push(sql`e.kind IN (${sqlList(filter.kinds)})`);
  if (filter.strands) conditions.push(sql`e.strand IN (${sqlList(filter.strands)})`);
  if (filter.formats) conditions.push(sql`e.format IN (${sqlList(filter.formats)})`);
  if (filter.policyAreas) {
    conditions.push(sql`e.policy_areas && ARRAY[${sqlList(filter.policyAreas)}]::text[]`);
  }
  if (filter.from) conditions.push(sql`e.ends_at >= ${filter.from}::timestamptz`);
  if (filter.to) conditions.push(sql`e.starts_at < ${filter.to}::timestamptz`);
  if (filter.upcoming !== null)
    conditions.push(rawSql(filter.upcoming ? 'e.ends_at >= now()' : 'e.ends_at < now()'));
  for (const word of filter.searchWords) {
    // Folded text holds only letters, digits and single spaces, so neither % nor _ needs escaping.
    conditions.push(sql`(' ' || e.search_text) LIKE ${`% ${word}%`}`);
  }
  return joinSql(conditions, ' AND ');
}

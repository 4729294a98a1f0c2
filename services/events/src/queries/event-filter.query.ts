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
  type SqlFragment,
} from '@hub/kit';
import { EventStatus } from '../entities/enums';
import type { EventFilter } from '../inputs/event-filter.input';
import { visibleToSql, type Viewer } from './visibility.query';

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

function instant(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}

/**
 * A filter argument (validated by its decorators) in canonical form; malformed region codes and organisation
 * ids are refused naming the field (`filter.region` …).
 */
export function normaliseEventFilter(
  filter: EventFilter | null | undefined,
  path = 'filter',
): NormalisedEventFilter {
  const region = normaliseRegionFilter(filter?.region, `${path}.region`);
  const organisation = normaliseOrganisationFilter(filter?.organisation, `${path}.organisation`);
  const from = instant(filter?.from);
  const to = instant(filter?.to);
  const search = filter?.search ?? '';
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
    conditions.push(
      sql`EXISTS (SELECT 1 FROM event_host_region h WHERE h.event_id = e.id AND ${regionAndDescendantsSql(rawSql('h.region_code'), filter.region)})`,
    );
  }
  if (filter.organisation) {
    conditions.push(
      sql`(e.created_by = ${filter.organisation} OR EXISTS (SELECT 1 FROM event_organiser o WHERE o.event_id = e.id AND o.organisation_id = ${filter.organisation} AND o.accepted))`,
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

import { invalidInput } from './errors';
import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN } from '../vocabulary/patterns';

// Arguments that several subgraphs take alike (lists of events and threads, their subscriptions): the same
// checks and the same words in every subgraph.

/**
 * The `region` of a list filter: trimmed and upper-cased, null when blank; BAD_USER_INPUT naming
 * `path` (`filter.region` …) when it is not a NUTS code.
 */
export function normaliseRegionFilter(value: string | null | undefined, path: string): string | null {
  const region = value?.trim().toUpperCase() || null;
  if (region !== null && !NUTS_CODE_PATTERN.test(region)) {
    throw invalidInput(
      path,
      `"${value}" is not a NUTS code (two letters, then up to three letters or digits)`,
    );
  }
  return region;
}

/** The `organisation` of a list filter: trimmed, null when blank; BAD_USER_INPUT when it is not an organisation id. */
export function normaliseOrganisationFilter(value: string | null | undefined, path: string): string | null {
  const organisation = value?.trim() || null;
  if (organisation !== null && !ORGANISATION_ID_PATTERN.test(organisation)) {
    throw invalidInput(path, `"${organisation}" is not an organisation id`);
  }
  return organisation;
}

/** A list argument in canonical form (distinct values, sorted), or null when absent or empty: stable loader keys. */
export function canonicalList<T extends string>(values: readonly T[] | null | undefined): T[] | null {
  return values?.length ? [...new Set(values)].sort() : null;
}

/**
 * The optional `region` and `organisation` arguments of a subscription, as given (null when absent);
 * BAD_USER_INPUT naming the argument when one is malformed.
 */
export function checkedSubscriptionScope(args: { region?: string | null; organisation?: string | null }): {
  region: string | null;
  organisation: string | null;
} {
  if (args.region && !NUTS_CODE_PATTERN.test(args.region)) {
    throw invalidInput('region', `"${args.region}" is not a NUTS region code`);
  }
  if (args.organisation && !ORGANISATION_ID_PATTERN.test(args.organisation)) {
    throw invalidInput('organisation', `"${args.organisation}" is not an organisation id`);
  }
  return { region: args.region ?? null, organisation: args.organisation ?? null };
}

// Formats of the keys the hub's subgraphs share: checked before a key reaches SQL or another subgraph.

/** A NUTS 2024 / statistical-regions code: country code then up to three letters or digits (`FR`, `FRH0`, `FRH01`). */
export const NUTS_CODE_PATTERN: RegExp = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

/** An organisation id: a stable slug of 2-63 lower-case letters, digits or hyphens (`cor`, `cpmr-north-sea-commission`). */
export const ORGANISATION_ID_PATTERN: RegExp = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A UUID in its textual form, any case (ids of events, threads, posts). Checked before it reaches a `uuid` column. */
export const UUID_PATTERN: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the region `code` is `region` or lies within it (NUTS codes nest by prefix: `FRH01` is in `FRH0`, `FRH`
 * and `FR`): the JS twin of `regionAndDescendantsSql`, e.g. for filtering bus messages of a subscription scoped to a
 * region. Both are expected in canonical form (upper case, trimmed).
 */
export function isRegionOrDescendant(code: string, region: string): boolean {
  return region.length > 0 && code.startsWith(region);
}

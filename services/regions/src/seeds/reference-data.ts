/**
 * Pure data layer the regions subgraph seeds from: reads the reference files in `services/regions/data/`
 * (copies of the project's shared reference data, see `data/README.md`) and returns plain rows.
 * No database, no values other than those in the files.
 *
 * - `loadRegionSeedRows()`: the 1,903 NUTS 2024 / Statistical Regions 2024 units (`./regions`).
 * - `loadOrganisationSeedRows()`: CoR, DG HOME, CPMR and its six geographical commissions, Eurocities, AER, CEMR.
 * - `loadMembershipSeedRows(regionCodes)` / `loadMembershipSeed(regionCodes)`: CPMR and commission memberships
 *   from the partial CPMR member list; the latter also returns the CPMR rows that were skipped and why.
 */
export { DATA_DIR } from './data-files';
export { type CorrespondenceIndex, type CorrespondenceRow, loadCorrespondenceIndex } from './correspondence';
export {
  loadRegionSeedRows,
  type RegionClassification,
  type RegionGeometry,
  type RegionSeedRow,
} from './regions';
export {
  CPMR_ORGANISATION_ID,
  cpmrCommissionIdForName,
  loadOrganisationSeedRows,
  type OrganisationKind,
  type OrganisationSeedRow,
} from './organisations';
export {
  CPMR_COMMISSIONS_SOURCE,
  CPMR_MEMBERS_SOURCE,
  type CpmrRowSkipReason,
  loadMembershipSeed,
  loadMembershipSeedRows,
  type MembershipSeed,
  type MembershipSeedRow,
  type SkippedCpmrMemberRow,
} from './memberships';

/**
 * Pure data layer the regions subgraph seeds from: reads the reference files in `services/regions/data/`
 * (copies of the project's shared reference data, see `data/README.md`) and returns plain rows.
 * No database, no values other than those in the files.
 *
 * - `loadRegionSeedRows()`: the 1,903 NUTS 2024 / Statistical Regions 2024 units (`./regions.data.ts`).
 * - `loadOrganisationSeedRows()`: CoR, DG HOME, CPMR and its six geographical commissions, Eurocities, AER, CEMR.
 * - `loadMembershipSeedRows(regionCodes)` / `loadMembershipSeed(regionCodes)`: CPMR and commission memberships
 *   from the partial CPMR member list; the latter also returns the CPMR rows that were skipped and why.
 */
export { DATA_DIR } from './files.data';
export {
  type CorrespondenceIndex,
  type CorrespondenceRow,
  loadCorrespondenceIndex,
} from './correspondence.data';
export {
  loadRegionSeedRows,
  type RegionClassification,
  type RegionGeometry,
  type RegionSeedRow,
} from './regions.data';
export {
  CPMR_ORGANISATION_ID,
  cpmrCommissionIdForName,
  FORUM_OF_FOREFRONT_REGIONS_ID,
  loadForumOfForefrontRegionsSeedRow,
  loadOrganisationSeedRows,
  type OrganisationKind,
  type OrganisationSeedRow,
} from './organisations.data';
export {
  CPMR_COMMISSIONS_SOURCE,
  CPMR_MEMBERS_SOURCE,
  type CpmrRowSkipReason,
  loadMembershipSeed,
  loadMembershipSeedRows,
  type MembershipSeed,
  type MembershipSeedRow,
  type SkippedCpmrMemberRow,
} from './memberships.data';

import { type CorrespondenceIndex, loadCorrespondenceIndex } from './correspondence.data';
import { DATA_FILES, emptyToNull, parseIntegerCell, readCsvRecords } from './files.data';
import {
  CPMR_ORGANISATION_ID,
  cpmrCommissionIdForName,
  loadOrganisationSeedRows,
  type OrganisationSeedRow,
} from './organisations.data';

export interface MembershipSeedRow {
  organisationId: string; // the body one is a member of ('cpmr' or a commission id)
  memberRegionCode: string | null;
  memberOrganisationId: string | null;
  role: string | null; // 'member' or 'geographical commission'
  since: string | null; // ISO date only where the source states it
  source: string;
  sourceUrls: string[];
  note: string | null;
  isPartialList: boolean;
}

export type CpmrRowSkipReason = 'NO_NUTS_MATCH' | 'NO_2024_COUNTERPART' | 'NOT_IN_REGION_CODES';

/** A row of `cpmr_member_regions_partial.csv` that produced no membership. */
export interface SkippedCpmrMemberRow {
  regionNameInSource: string;
  countryCode: string;
  geographicalCommission: string | null;
  matchedCode: string | null; // the chosen NUTS code (2021 or 2024 as in the file), null without a match
  reason: CpmrRowSkipReason;
}

export interface MembershipSeed {
  rows: MembershipSeedRow[];
  skipped: SkippedCpmrMemberRow[];
}

export const CPMR_MEMBERS_SOURCE: string = 'CPMR member regions (partial list compiled from public sources)';
export const CPMR_COMMISSIONS_SOURCE: string =
  'CPMR geographical commissions (CoR integration partnership enumerations)';
const PARTIAL_LIST_NOTE: string =
  'Partial list compiled from public sources, not the complete CPMR member list; memberships may have changed since. ' +
  'Region code from an exact name match against the NUTS names (a hint, not an authoritative mapping).';

const CPMR_MEMBER_COLUMNS = [
  'region_name_in_source',
  'country_code',
  'cpmr_geographical_commission',
  'membership_evidence',
  'note',
  'nuts_code_exact_name_match',
  'nuts_version_of_match',
  'source_urls',
] as const;

type CpmrMemberRecord = Record<(typeof CPMR_MEMBER_COLUMNS)[number], string>;

interface PendingMembership {
  organisationId: string;
  regionCode: string;
  sourceUrls: string[];
  evidence: string[];
}

/** The match at the highest level: NUTS codes are prefix-hierarchical, so the shortest code (first on a tie). */
function highestLevelCode(codes: readonly string[]): string | undefined {
  return codes.reduce<string | undefined>(
    (best: string | undefined, code: string) =>
      best === undefined || code.length < best.length ? code : best,
    undefined,
  );
}

function addUnique(target: string[], values: readonly string[]): void {
  for (const value of values) if (!target.includes(value)) target.push(value);
}

/**
 * Memberships in CPMR and its geographical commissions, plus the CPMR rows that could not be used.
 *
 * - Each geographical commission is a member organisation of CPMR (role 'geographical commission').
 * - Each row of `cpmr_member_regions_partial.csv` with a `nuts_code_exact_name_match` gives a membership of that
 *   region in CPMR (role 'member') and, when `cpmr_geographical_commission` is stated, one in that commission.
 *   Several codes (same name at several levels) → the highest-level one (shortest code). A 2021 match is mapped
 *   to its 2024 code through the correspondence file; split/merged/boundary-shifted units and non-2024
 *   countries (UK) have no counterpart and are skipped, as are codes not in `regionCodes`.
 * - A region listed several times (e.g. in two commissions, or by two sources) gives one membership per body,
 *   with the source URLs merged and the evidence of every row kept in the note.
 * - `since` stays null: the file gives no membership start dates (presidencies are not membership dates).
 */
export function loadMembershipSeed(regionCodes: ReadonlySet<string>): MembershipSeed {
  const commissions: OrganisationSeedRow[] = loadOrganisationSeedRows().filter(
    (organisation: OrganisationSeedRow) => organisation.kind === 'GEOGRAPHICAL_COMMISSION',
  );
  const rows: MembershipSeedRow[] = commissions.map((commission: OrganisationSeedRow): MembershipSeedRow => ({
    organisationId: CPMR_ORGANISATION_ID,
    memberRegionCode: null,
    memberOrganisationId: commission.id,
    role: 'geographical commission',
    since: null,
    source: CPMR_COMMISSIONS_SOURCE,
    sourceUrls: commission.sourceUrl === null ? [] : [commission.sourceUrl],
    note: null,
    isPartialList: false,
  }));

  const correspondence: CorrespondenceIndex = loadCorrespondenceIndex();
  const pending: Map<string, PendingMembership> = new Map<string, PendingMembership>();
  const skipped: SkippedCpmrMemberRow[] = [];
  const addMembership = (
    organisationId: string,
    regionCode: string,
    urls: string[],
    evidence: string,
  ): void => {
    const key: string = `${organisationId}\u0000${regionCode}`;
    const existing: PendingMembership | undefined = pending.get(key);
    if (existing === undefined) {
      pending.set(key, { organisationId, regionCode, sourceUrls: [...urls], evidence: [evidence] });
      return;
    }
    addUnique(existing.sourceUrls, urls);
    addUnique(existing.evidence, [evidence]);
  };

  const records: CpmrMemberRecord[] = readCsvRecords(DATA_FILES.cpmrMembers, CPMR_MEMBER_COLUMNS);
  for (const [index, record] of records.entries()) {
    const context: string = `${DATA_FILES.cpmrMembers} row ${index + 2} (${record.region_name_in_source})`;
    const commissionName: string | null = emptyToNull(record.cpmr_geographical_commission);
    const commissionId: string | undefined =
      commissionName === null ? undefined : cpmrCommissionIdForName(commissionName);
    if (commissionName !== null && commissionId === undefined) {
      throw new Error(`${context}: unknown geographical commission '${commissionName}'`);
    }
    const matched: string | undefined = highestLevelCode(
      record.nuts_code_exact_name_match.split(';').filter((code: string) => code !== ''),
    );
    const skip = (reason: CpmrRowSkipReason): void => {
      skipped.push({
        regionNameInSource: record.region_name_in_source,
        countryCode: record.country_code,
        geographicalCommission: commissionName,
        matchedCode: matched ?? null,
        reason,
      });
    };
    if (matched === undefined) {
      skip('NO_NUTS_MATCH');
      continue;
    }

    const version: number = parseIntegerCell(
      record.nuts_version_of_match,
      `${context} nuts_version_of_match`,
    );
    if (version !== 2021 && version !== 2024) {
      throw new Error(`${context}: unexpected NUTS version ${version}`);
    }
    const code: string | undefined = version === 2024 ? matched : correspondence.to2024.get(matched);
    if (code === undefined || !regionCodes.has(code)) {
      skip(code === undefined ? 'NO_2024_COUNTERPART' : 'NOT_IN_REGION_CODES');
      continue;
    }

    const urls: string[] = record.source_urls.split(' | ').filter((url: string) => url !== '');
    const details: string = [
      record.membership_evidence,
      record.note,
      version === 2021 ? `matched NUTS 2021 code ${matched}, mapped to NUTS 2024 code ${code}` : '',
    ]
      .filter((part: string) => part !== '')
      .join('; ');
    const named: string = `'${record.region_name_in_source}'`;
    addMembership(
      CPMR_ORGANISATION_ID,
      code,
      urls,
      `${named}${commissionName ? ` (${commissionName})` : ''}: ${details}`,
    );
    if (commissionId !== undefined) addMembership(commissionId, code, urls, `${named}: ${details}`);
  }

  for (const membership of pending.values()) {
    rows.push({
      organisationId: membership.organisationId,
      memberRegionCode: membership.regionCode,
      memberOrganisationId: null,
      role: 'member',
      since: null,
      source: CPMR_MEMBERS_SOURCE,
      sourceUrls: membership.sourceUrls,
      note: `${membership.evidence.join(' | ')}. ${PARTIAL_LIST_NOTE}`,
      isPartialList: true,
    });
  }
  return { rows, skipped };
}

/** The membership rows of `loadMembershipSeed` (skipped CPMR rows are available there). */
export function loadMembershipSeedRows(regionCodes: ReadonlySet<string>): MembershipSeedRow[] {
  return loadMembershipSeed(regionCodes).rows;
}

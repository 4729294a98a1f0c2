import { beforeAll, describe, expect, it } from 'vitest';

import {
  type CorrespondenceIndex,
  CPMR_ORGANISATION_ID,
  loadCorrespondenceIndex,
  loadMembershipSeed,
  loadOrganisationSeedRows,
  loadRegionSeedRows,
  type MembershipSeed,
  type MembershipSeedRow,
  type OrganisationSeedRow,
  type RegionSeedRow,
  type SkippedCpmrMemberRow,
} from '../src/seeds/reference.data';

const NORTH_SEA_COMMISSION_ID: string = 'cpmr-north-sea-commission';

let regions: RegionSeedRow[];
let regionsByCode: Map<string, RegionSeedRow>;
let correspondence: CorrespondenceIndex;
let organisations: OrganisationSeedRow[];
let memberships: MembershipSeed;

function region(code: string): RegionSeedRow {
  const row: RegionSeedRow | undefined = regionsByCode.get(code);
  if (row === undefined) throw new Error(`region ${code} not loaded`);
  return row;
}

function membershipKey(row: MembershipSeedRow): string {
  return `${row.organisationId} <- ${row.memberRegionCode ?? `org:${row.memberOrganisationId}`}`;
}

beforeAll(() => {
  regions = loadRegionSeedRows();
  regionsByCode = new Map<string, RegionSeedRow>(regions.map((row: RegionSeedRow) => [row.code, row]));
  correspondence = loadCorrespondenceIndex();
  organisations = loadOrganisationSeedRows();
  memberships = loadMembershipSeed(new Set<string>(regionsByCode.keys()));
});

describe('loadRegionSeedRows', () => {
  it('returns the 1,903 NUTS 2024 / statistical regions 2024 units with unique codes', () => {
    expect(regions).toHaveLength(1903);
    expect(regionsByCode.size).toBe(1903);
  });

  it('has the EU-27 NUTS 2024 counts 27/92/244/1165 per level, Extra-Regio excluded', () => {
    const counts: number[] = [0, 1, 2, 3].map(
      (level: number) =>
        regions.filter((row: RegionSeedRow) => row.isEu && !row.isExtraRegio && row.level === level).length,
    );
    expect(counts).toEqual([27, 92, 244, 1165]);
  });

  it('classifies EU units as NUTS 2024 and the 10 other countries as statistical regions 2024', () => {
    for (const row of regions) {
      expect(row.classification).toBe(row.isEu ? 'NUTS_2024' : 'STATISTICAL_REGIONS_2024');
    }
    const statisticalCountries: string[] = regions
      .filter((row: RegionSeedRow) => row.level === 0 && !row.isEu)
      .map((row: RegionSeedRow) => row.code);
    expect(statisticalCountries.sort()).toEqual(['AL', 'CH', 'IS', 'LI', 'ME', 'MK', 'NO', 'RS', 'TR', 'XK']);
  });

  it('links every unit but the countries to an existing parent one level up', () => {
    for (const row of regions) {
      if (row.level === 0) {
        expect(row.parentCode).toBeNull();
        continue;
      }
      expect(row.parentCode).not.toBeNull();
      const parent: RegionSeedRow = region(row.parentCode ?? '');
      expect(parent.level).toBe(row.level - 1);
      expect(parent.countryCode).toBe(row.countryCode);
    }
  });

  it('flags exactly the Extra-Regio codes (country code followed by Z, ZZ or ZZZ)', () => {
    for (const row of regions) {
      const extraRegioCode: boolean = row.level > 0 && row.code.slice(2) === 'Z'.repeat(row.level);
      expect(row.isExtraRegio, row.code).toBe(extraRegioCode);
    }
    expect(region('FRZ').isExtraRegio).toBe(true);
    expect(region('ESZZZ').isExtraRegio).toBe(true);
    expect(region('CZ').isExtraRegio).toBe(false);
  });

  it('keeps the names of the file (Latin-script and national)', () => {
    expect(region('FR10').name).toBe('Ile-de-France');
    expect(region('EL43').name).toBe('Kriti');
    expect(region('EL43').nationalName).toBe('Κρήτη');
    expect(region('DE111').name).toBe('Stuttgart, Stadtkreis');
  });

  it('builds the search text from both names and the code', () => {
    expect(region('EL43').searchText).toBe('kriti κρητη el43');
    expect(region('FR10').searchText).toBe('ile de france ile de france fr10');
    expect(region('SE224').searchText).toContain('skane lan');
  });

  it('carries the 2021 geometry only for unchanged units of levels 0-2', () => {
    for (const code of ['FR10', 'EL43', 'DK05', 'DE', 'NO']) {
      const geometry: RegionSeedRow['geometry'] = region(code).geometry;
      expect(geometry, code).not.toBeNull();
      expect(['Polygon', 'MultiPolygon']).toContain(geometry?.type);
      expect(Array.isArray(geometry?.coordinates)).toBe(true);
    }
    // ITH5 keeps its code and has a 2021 polygon, but the correspondence marks it 'art. 5(2a)'.
    expect(region('ITH5').geometry).toBeNull();
    // BE31 only changed its name; the rule still requires an empty change column.
    expect(region('BE31').geometry).toBeNull();
    // New 2024 units (NL35 Utrecht after a boundary shift, PT1A Grande Lisboa after the split of PT17).
    expect(region('NL35').geometry).toBeNull();
    expect(region('PT1A').geometry).toBeNull();
    // Kosovo is not in the GISCO 2021 data.
    expect(region('XK').geometry).toBeNull();
    for (const row of regions) {
      if (row.geometry !== null) {
        expect(row.level).toBeLessThanOrEqual(2);
        expect(correspondence.unchanged.has(row.code), row.code).toBe(true);
      }
      if (row.level === 3 || row.isExtraRegio) expect(row.geometry).toBeNull();
    }
    expect(regions.filter((row: RegionSeedRow) => row.geometry !== null)).toHaveLength(433);
  });

  it('carries typology codes only for unchanged level-3 units, within the GISCO code ranges', () => {
    const typed: RegionSeedRow[] = regions.filter(
      (row: RegionSeedRow) =>
        row.mountainType !== null || row.urbanRuralType !== null || row.coastalType !== null,
    );
    for (const row of typed) {
      expect(row.level, row.code).toBe(3);
      expect(correspondence.unchanged.has(row.code), row.code).toBe(true);
      if (row.mountainType !== null) expect([1, 2, 3, 4]).toContain(row.mountainType);
      if (row.urbanRuralType !== null) expect([1, 2, 3]).toContain(row.urbanRuralType);
      if (row.coastalType !== null) expect([1, 2, 3]).toContain(row.coastalType);
    }
    expect(typed).toHaveLength(1274);
    // A changed code keeps no typology (NL361 was NL332; ITH59 is an art. 5(2a) change).
    for (const code of ['NL361', 'ITH59']) {
      const row: RegionSeedRow = region(code);
      expect([row.mountainType, row.urbanRuralType, row.coastalType], code).toEqual([null, null, null]);
    }
    // Levels 0-2 have 0 (not classified) in the 2021 file; NO0B's stray level-2 values are not carried.
    expect(region('NO0B').mountainType).toBeNull();
    expect(region('NO0B').urbanRuralType).toBeNull();
    // Jan Mayen has no mountain/urban-rural class in the 2021 file but a coastal one.
    expect(region('NO0B1')).toMatchObject({ mountainType: null, urbanRuralType: null });
    expect(region('NO0B1').coastalType).not.toBeNull();
  });

  it('treats the level-0 units of the statistical-region countries as unchanged (no correspondence row)', () => {
    for (const code of ['AL', 'CH', 'IS', 'LI', 'ME', 'MK', 'NO', 'RS', 'TR']) {
      expect(correspondence.unchanged.has(code), code).toBe(true);
    }
    expect(correspondence.unchanged.has('XK')).toBe(false);
  });
});

describe('loadOrganisationSeedRows', () => {
  it('includes the required bodies with unique ids and the expected kinds', () => {
    const ids: string[] = organisations.map((organisation: OrganisationSeedRow) => organisation.id);
    expect(new Set<string>(ids).size).toBe(ids.length);
    const kindOf = (id: string): string | undefined =>
      organisations.find((organisation: OrganisationSeedRow) => organisation.id === id)?.kind;
    expect(kindOf('cor')).toBe('EU_INSTITUTION');
    expect(kindOf('ec-dg-home')).toBe('EU_COMMISSION_SERVICE');
    expect(kindOf('cpmr')).toBe('REGIONAL_NETWORK');
    expect(kindOf('eurocities')).toBe('CITY_NETWORK');
    expect(kindOf('aer')).toBe('REGIONAL_NETWORK');
    expect(kindOf('cemr')).toBe('LOCAL_AND_REGIONAL_NETWORK');
    expect(kindOf(NORTH_SEA_COMMISSION_ID)).toBe('GEOGRAPHICAL_COMMISSION');
  });

  it('has the six CPMR geographical commissions of the enumerations file', () => {
    const commissions: string[] = organisations
      .filter((organisation: OrganisationSeedRow) => organisation.kind === 'GEOGRAPHICAL_COMMISSION')
      .map((organisation: OrganisationSeedRow) => organisation.name);
    expect(commissions.sort()).toEqual([
      'Atlantic Arc Commission',
      'Balkan and Black Sea Commission',
      'Baltic Sea Commission',
      'Intermediterranean Commission',
      'Islands Commission',
      'North Sea Commission',
    ]);
  });

  it('gives every body a name, a one-sentence description and well-formed URLs', () => {
    for (const organisation of organisations) {
      expect(organisation.name.length).toBeGreaterThan(0);
      expect(organisation.description).toMatch(/^[A-Z].*\.$/);
      for (const url of [organisation.websiteUrl, organisation.sourceUrl]) {
        if (url !== null) expect(() => new URL(url)).not.toThrow();
      }
    }
  });
});

describe('loadMembershipSeed', () => {
  it('references existing organisations and regions only', () => {
    const organisationIds: Set<string> = new Set<string>(
      organisations.map((organisation: OrganisationSeedRow) => organisation.id),
    );
    for (const row of memberships.rows) {
      expect(organisationIds.has(row.organisationId), row.organisationId).toBe(true);
      expect((row.memberRegionCode === null) !== (row.memberOrganisationId === null)).toBe(true);
      if (row.memberRegionCode !== null) expect(regionsByCode.has(row.memberRegionCode)).toBe(true);
      if (row.memberOrganisationId !== null) {
        expect(organisationIds.has(row.memberOrganisationId)).toBe(true);
      }
    }
  });

  it('has no duplicate membership', () => {
    const keys: string[] = memberships.rows.map(membershipKey);
    expect(new Set<string>(keys).size).toBe(keys.length);
  });

  it('makes each geographical commission a member organisation of CPMR', () => {
    const commissionIds: string[] = organisations
      .filter((organisation: OrganisationSeedRow) => organisation.kind === 'GEOGRAPHICAL_COMMISSION')
      .map((organisation: OrganisationSeedRow) => organisation.id);
    for (const id of commissionIds) {
      const row: MembershipSeedRow | undefined = memberships.rows.find(
        (membership: MembershipSeedRow) => membership.memberOrganisationId === id,
      );
      expect(row, id).toMatchObject({
        organisationId: CPMR_ORGANISATION_ID,
        role: 'geographical commission',
        isPartialList: false,
      });
    }
  });

  it('makes DK05 (North Denmark) a member of CPMR and of the North Sea Commission', () => {
    const dk05: MembershipSeedRow[] = memberships.rows.filter(
      (row: MembershipSeedRow) => row.memberRegionCode === 'DK05',
    );
    expect(dk05.map((row: MembershipSeedRow) => row.organisationId).sort()).toEqual([
      CPMR_ORGANISATION_ID,
      NORTH_SEA_COMMISSION_ID,
    ]);
    for (const row of dk05) {
      expect(row).toMatchObject({ role: 'member', since: null, isPartialList: true });
      expect(row.sourceUrls).toContain('https://en.wikipedia.org/wiki/North_Sea_Commission');
      expect(row.note).toContain('North Denmark');
      expect(row.note).toMatch(/partial list/i);
    }
  });

  it('merges a region listed twice into one CPMR membership with the URLs of both rows', () => {
    // Skåne (SE224) is listed under the Baltic Sea Commission (S3) and as a REGIN partner (S4).
    const cpmrSkane: MembershipSeedRow[] = memberships.rows.filter(
      (row: MembershipSeedRow) =>
        row.organisationId === CPMR_ORGANISATION_ID && row.memberRegionCode === 'SE224',
    );
    expect(cpmrSkane).toHaveLength(1);
    expect(cpmrSkane[0]?.sourceUrls).toHaveLength(2);
    // Västra Götaland (SE232) is in two commissions: one CPMR membership, two commission memberships.
    const vastraGotaland: string[] = memberships.rows
      .filter((row: MembershipSeedRow) => row.memberRegionCode === 'SE232')
      .map((row: MembershipSeedRow) => row.organisationId)
      .sort();
    expect(vastraGotaland).toEqual([
      CPMR_ORGANISATION_ID,
      'cpmr-baltic-sea-commission',
      NORTH_SEA_COMMISSION_ID,
    ]);
  });

  it('uses the highest-level match when a name matches at several levels', () => {
    // Åland matches FI2, FI20 and FI200; Azores PT2, PT20 and PT200.
    const cpmrRegions: Set<string | null> = new Set<string | null>(
      memberships.rows
        .filter((row: MembershipSeedRow) => row.organisationId === CPMR_ORGANISATION_ID)
        .map((row: MembershipSeedRow) => row.memberRegionCode),
    );
    expect(cpmrRegions.has('FI2')).toBe(true);
    expect(cpmrRegions.has('FI20')).toBe(false);
    expect(cpmrRegions.has('PT2')).toBe(true);
    expect(cpmrRegions.has('PT200')).toBe(false);
  });

  it('reports the CPMR rows it could not use', () => {
    const skippedNames: string[] = memberships.skipped.map(
      (row: SkippedCpmrMemberRow) => row.regionNameInSource,
    );
    expect(skippedNames).toContain('Samenwerkingsverband Noord-Nederland');
    expect(
      memberships.skipped.find((row: SkippedCpmrMemberRow) => row.regionNameInSource === 'Viken'),
    ).toMatchObject({
      matchedCode: 'NO082',
      reason: 'NO_2024_COUNTERPART',
    });
    expect(
      memberships.skipped.find((row: SkippedCpmrMemberRow) => row.regionNameInSource === 'Southend-on-Sea')
        ?.reason,
    ).toBe('NO_2024_COUNTERPART');
    expect(memberships.skipped).toHaveLength(19);
  });

  it('skips regions that are not in the given region codes', () => {
    const withoutDk05: MembershipSeed = loadMembershipSeed(
      new Set<string>([...regionsByCode.keys()].filter((code: string) => code !== 'DK05')),
    );
    expect(withoutDk05.rows.some((row: MembershipSeedRow) => row.memberRegionCode === 'DK05')).toBe(false);
    expect(withoutDk05.skipped.find((row: SkippedCpmrMemberRow) => row.matchedCode === 'DK05')?.reason).toBe(
      'NOT_IN_REGION_CODES',
    );
  });

  it('produces 6 commission memberships and 120 region memberships from the current files', () => {
    expect(
      memberships.rows.filter((row: MembershipSeedRow) => row.memberOrganisationId !== null),
    ).toHaveLength(6);
    expect(memberships.rows.filter((row: MembershipSeedRow) => row.memberRegionCode !== null)).toHaveLength(
      120,
    );
  });
});

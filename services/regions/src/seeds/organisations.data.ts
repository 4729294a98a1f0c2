import { DATA_FILES, readCsvRecords, readJsonFile } from './files.data';

export type OrganisationKind =
  | 'EU_INSTITUTION'
  | 'EU_COMMISSION_SERVICE'
  | 'REGIONAL_NETWORK'
  | 'GEOGRAPHICAL_COMMISSION'
  | 'CITY_NETWORK'
  | 'LOCAL_AND_REGIONAL_NETWORK'
  | 'REGION'
  | 'CITY'
  | 'OTHER';

export interface OrganisationSeedRow {
  id: string; // stable slug
  name: string;
  acronym: string | null;
  kind: OrganisationKind;
  websiteUrl: string | null;
  description: string; // one factual sentence
  sourceUrl: string | null; // where the facts come from
}

export const CPMR_ORGANISATION_ID: string = 'cpmr';

/**
 * The six CPMR geographical commissions. `enumId` is the identifier in `cpmr_geographical_commissions` of the
 * enumerations JSON, `csvName` the spelling in the `cpmr_geographical_commission` column of
 * `cpmr_member_regions_partial.csv`; acronyms only where the data files use them, website domains only where
 * the data files use them or the official domain could be confirmed (none confirmed for the Atlantic Arc);
 * `sourceId` is the entry of `cpmr_member_regions_partial.sources.csv` that is a page of (or about) the commission.
 */
interface CommissionDefinition {
  enumId: string;
  id: string;
  csvName: string;
  acronym: string | null;
  websiteUrl: string | null;
  sourceId: string;
}

const CPMR_COMMISSIONS: readonly CommissionDefinition[] = [
  {
    enumId: 'ATLANTIC_ARC',
    id: 'cpmr-atlantic-arc-commission',
    csvName: 'Atlantic Arc Commission',
    acronym: 'AAC',
    websiteUrl: null,
    sourceId: 'S9',
  },
  {
    enumId: 'BALKAN_AND_BLACK_SEA',
    id: 'cpmr-balkan-and-black-sea-commission',
    csvName: 'Balkan and Black Sea Commission',
    acronym: 'BBSC',
    websiteUrl: 'https://cpmr-balkan-blacksea.org/',
    sourceId: 'S12',
  },
  {
    enumId: 'BALTIC_SEA',
    id: 'cpmr-baltic-sea-commission',
    csvName: 'Baltic Sea Commission',
    acronym: null,
    websiteUrl: 'https://cpmr-baltic.org/',
    sourceId: 'S3',
  },
  {
    enumId: 'INTERMEDITERRANEAN',
    id: 'cpmr-intermediterranean-commission',
    csvName: 'Intermediterranean Commission',
    acronym: 'IMC',
    websiteUrl: 'https://cpmr-intermed.org/',
    sourceId: 'S5',
  },
  {
    enumId: 'ISLANDS',
    id: 'cpmr-islands-commission',
    csvName: 'Islands Commission',
    acronym: null,
    websiteUrl: 'https://cpmr-islands.org/',
    sourceId: 'S11',
  },
  {
    enumId: 'NORTH_SEA',
    id: 'cpmr-north-sea-commission',
    csvName: 'North Sea Commission',
    acronym: 'NSC',
    websiteUrl: 'https://cpmr-northsea.org/',
    sourceId: 'S15',
  },
];

/** Organisation id of a commission as spelled in `cpmr_member_regions_partial.csv`, e.g. 'North Sea Commission'. */
export function cpmrCommissionIdForName(csvName: string): string | undefined {
  return CPMR_COMMISSIONS.find((commission: CommissionDefinition) => commission.csvName === csvName)?.id;
}

interface PartnershipEnumerations {
  partnershipSources: string[];
  partnerAssociations: string[];
  commissionEnumIds: string[];
  /** `activity_types.FORUM` of the enumerations JSON: the partnership's wording of the new forum. */
  forumActivity: string;
}

/** Id of the Forum of forefront regions (issue 13): the body dialogue's members-only consultations name. */
export const FORUM_OF_FOREFRONT_REGIONS_ID: string = 'forum-of-forefront-regions';

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item: unknown) => typeof item === 'string');
}

function loadEnumerations(): PartnershipEnumerations {
  const json: unknown = readJsonFile(DATA_FILES.enumerations);
  const root: Record<string, unknown> = (typeof json === 'object' && json !== null ? json : {}) as Record<
    string,
    unknown
  >;
  const partnership: unknown = root['partnership'];
  const partnershipSources: unknown =
    typeof partnership === 'object' && partnership !== null
      ? (partnership as Record<string, unknown>)['sources']
      : undefined;
  const partnerAssociations: unknown = root['initiative_partner_associations'];
  const commissionEnumIds: unknown = root['cpmr_geographical_commissions'];
  const activityTypes: unknown = root['activity_types'];
  const forumActivity: unknown =
    typeof activityTypes === 'object' && activityTypes !== null
      ? (activityTypes as Record<string, unknown>)['FORUM']
      : undefined;
  if (typeof forumActivity !== 'string' || !forumActivity.includes('Forum of forefront regions')) {
    throw new Error(
      `${DATA_FILES.enumerations}: activity_types.FORUM no longer names the Forum of forefront regions`,
    );
  }
  if (
    !isStringArray(partnershipSources) ||
    !isStringArray(partnerAssociations) ||
    !isStringArray(commissionEnumIds)
  ) {
    throw new Error(`${DATA_FILES.enumerations}: unexpected shape`);
  }
  return { partnershipSources, partnerAssociations, commissionEnumIds, forumActivity };
}

/** source_id → URL from `cpmr_member_regions_partial.sources.csv`. */
export function loadCpmrSourceUrls(): Map<string, string> {
  return new Map<string, string>(
    readCsvRecords(DATA_FILES.cpmrSources, ['source_id', 'url'] as const).map(
      (record: Record<'source_id' | 'url', string>): [string, string] => [record.source_id, record.url],
    ),
  );
}

function requireEntry(
  values: readonly string[],
  predicate: (value: string) => boolean,
  what: string,
): string {
  const found: string | undefined = values.find(predicate);
  if (found === undefined) throw new Error(`${DATA_FILES.enumerations}: no ${what}`);
  return found;
}

/**
 * The bodies the regions subgraph knows about: the two partners of the CoR–European Commission partnership on
 * integration, the four partner associations of the 2019 Cities and Regions for Integration initiative and the
 * six CPMR geographical commissions. Names and facts come from the enumerations JSON and the CPMR source list;
 * website domains are official ones, given only where the data files use them or they are well established.
 */
export function loadOrganisationSeedRows(): OrganisationSeedRow[] {
  const enumerations: PartnershipEnumerations = loadEnumerations();
  const sourceUrls: Map<string, string> = loadCpmrSourceUrls();
  const partnershipSource = (host: string): string =>
    requireEntry(
      enumerations.partnershipSources,
      (url: string) => new URL(url).host === host,
      `${host} source`,
    );
  const partnerAssociation = (acronym: string): void => {
    requireEntry(
      enumerations.partnerAssociations,
      (entry: string) => entry.startsWith(acronym),
      `partner association ${acronym}`,
    );
  };
  ['AER', 'CEMR', 'CPMR', 'Eurocities'].forEach(partnerAssociation);

  const unknownCommissions: string[] = enumerations.commissionEnumIds.filter(
    (enumId: string) =>
      !CPMR_COMMISSIONS.some((commission: CommissionDefinition) => commission.enumId === enumId),
  );
  if (unknownCommissions.length > 0 || enumerations.commissionEnumIds.length !== CPMR_COMMISSIONS.length) {
    throw new Error(`${DATA_FILES.enumerations}: commissions changed (${unknownCommissions.join(', ')})`);
  }
  const commissionCount: number = CPMR_COMMISSIONS.length;
  const cpmrSourceUrl: string | undefined = sourceUrls.get('S4');

  const organisations: OrganisationSeedRow[] = [
    {
      id: 'cor',
      name: 'European Committee of the Regions',
      acronym: 'CoR',
      kind: 'EU_INSTITUTION',
      websiteUrl: 'https://cor.europa.eu/',
      description:
        'EU assembly of local and regional representatives that launched the partnership on integration with the European Commission at its plenary session on 19 March 2021.',
      sourceUrl: partnershipSource('cor.europa.eu'),
    },
    {
      id: 'ec-dg-home',
      name: 'European Commission – Directorate-General for Migration and Home Affairs',
      acronym: 'DG HOME',
      kind: 'EU_COMMISSION_SERVICE',
      websiteUrl: 'https://home-affairs.ec.europa.eu/',
      description:
        "European Commission department for migration and home affairs, the Commission's side of the partnership on integration with the European Committee of the Regions (2021).",
      sourceUrl: partnershipSource('home-affairs.ec.europa.eu'),
    },
    {
      id: CPMR_ORGANISATION_ID,
      name: 'Conference of Peripheral Maritime Regions',
      acronym: 'CPMR',
      kind: 'REGIONAL_NETWORK',
      websiteUrl: 'https://cpmr.org/',
      description: `European association of peripheral maritime regions, organised in ${commissionCount} geographical commissions and a partner association of the Cities and Regions for Integration initiative (2019).`,
      sourceUrl: cpmrSourceUrl ?? null,
    },
    ...CPMR_COMMISSIONS.map((commission: CommissionDefinition): OrganisationSeedRow => ({
      id: commission.id,
      name: commission.csvName,
      acronym: commission.acronym,
      kind: 'GEOGRAPHICAL_COMMISSION',
      websiteUrl: commission.websiteUrl,
      description: `One of the ${commissionCount} geographical commissions of the Conference of Peripheral Maritime Regions (CPMR).`,
      sourceUrl: sourceUrls.get(commission.sourceId) ?? null,
    })),
    {
      id: 'eurocities',
      name: 'Eurocities',
      acronym: null,
      kind: 'CITY_NETWORK',
      websiteUrl: 'https://eurocities.eu/',
      description:
        'Network of European cities and a partner association of the Cities and Regions for Integration initiative (2019).',
      sourceUrl: null,
    },
    {
      id: 'aer',
      name: 'Assembly of European Regions',
      acronym: 'AER',
      kind: 'REGIONAL_NETWORK',
      websiteUrl: 'https://aer.eu/',
      description:
        'Network of regions in wider Europe and a partner association of the Cities and Regions for Integration initiative (2019).',
      sourceUrl: null,
    },
    {
      id: 'cemr',
      name: 'Council of European Municipalities and Regions',
      acronym: 'CEMR',
      kind: 'LOCAL_AND_REGIONAL_NETWORK',
      websiteUrl: 'https://www.ccre.org/',
      description:
        'Association of national associations of local and regional governments and a partner association of the Cities and Regions for Integration initiative (2019).',
      sourceUrl: null,
    },
  ];
  return organisations;
}

/**
 * The Forum of forefront regions (issue 13), seeded by its own seed so databases seeded before it get it too.
 * The partnership text names it (`activity_types.FORUM` of the enumerations JSON: "a new forum to map the
 * territorial impact of migration (the 'Forum of forefront regions' in CPMR's wording)", from the partnership
 * announcement and CPMR's report of it, the `partnership.sources`). No stored source lists its members, so no
 * membership is seeded: admins add them (`addMembership` with `memberRegion`).
 */
export function loadForumOfForefrontRegionsSeedRow(): OrganisationSeedRow {
  const enumerations: PartnershipEnumerations = loadEnumerations();
  return {
    id: FORUM_OF_FOREFRONT_REGIONS_ID,
    name: 'Forum of forefront regions',
    acronym: null,
    kind: 'REGIONAL_NETWORK',
    websiteUrl: null,
    description:
      "Forum of the CoR–European Commission partnership on integration (2021) to map the territorial impact of migration and identify the needs of the most affected regions, the 'Forum of forefront regions' in CPMR's wording.",
    sourceUrl: requireEntry(
      enumerations.partnershipSources,
      (url: string) => new URL(url).host === 'reginproject.eu',
      'reginproject.eu source',
    ),
  };
}

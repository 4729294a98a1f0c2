import type { PolicyArea, Strand } from '@hub/kit';
import { EventKind, type EventFormat } from '../entities/enums';

/**
 * Milestones of the partnership and of the Cities and Regions for Integration initiative that public sources
 * document. Provenance rules (see README, "Seed data"): every fact below is stated by a source listed with the
 * event; nothing is filled in from memory or by analogy. Where a source gives only dates, `days` holds them
 * and the event is all-day (00:00 of the first day to 24:00 of the last, Europe/Brussels, the CoR's seat);
 * where a source does not state format, venue, strand, policy areas or languages, they stay empty. Host regions
 * are set only where a source names the place (Brussels → NUTS 2024 BE10, Région de Bruxelles-Capitale).
 * Descriptions paraphrase the sources; `sourceUrl` is the main one, the description links all of them.
 */
export interface PartnershipEventSeed {
  /** Fixed, so the event keeps its id on every database (and in links to it). */
  id: string;
  title: string;
  summary: string;
  description: string;
  kind: EventKind;
  strand: Strand | null;
  policyAreas: PolicyArea[];
  /** Local times in `timeZone` ("2019-06-25T14:30") when published, else `days`. */
  schedule: { days: [first: string, last: string] } | { from: string; until: string };
  timeZone: string;
  format: EventFormat | null;
  venue: { city: string; country: string } | null;
  hostRegions: string[];
  organisers: string[];
  sourceUrl: string;
}

export const SEED_ORGANISATION = 'cor';

export const PARTNERSHIP_EVENTS: readonly PartnershipEventSeed[] = [
  {
    id: '6f1c2a52-5b0e-4c1e-9d3a-2019041000a1',
    title: 'Launch of the Cities and Regions for Integration initiative (#Regions4Integration)',
    summary:
      'The European Committee of the Regions launched its Cities and Regions for Integration initiative at its 134th plenary session, with the Commissioner for Migration, Home Affairs and Citizenship taking part in the debate.',
    description: [
      'At its 134th plenary session the European Committee of the Regions (CoR) launched the **Cities and Regions for Integration** initiative, a political platform for mayors and regional leaders on the integration of migrants and refugees, run with AER, CEMR, CPMR and Eurocities.',
      '',
      'Commissioner Dimitris Avramopoulos opened the plenary debate on the launch.',
      '',
      'Sources:',
      '',
      '- [European Website on Integration: EU Committee of the Regions set to launch Cities and Regions for Integration initiative](https://ec.europa.eu/migrant-integration/news/eu-committee-of-the-regions-set-to-launch-cities-and-regions-for-integration-initiative) (134th plenary, 10 and 11 April 2019)',
      '- [EPP Group in the CoR: highlights of the April CoR plenary session](http://eppcor.eu/press-releases/highlights-of-april-cor-plenary-session/) (10-11 April, Brussels)',
      '- [CoR press release: Local leaders launch initiative to showcase migrant integration in EU regions and cities](https://cor.europa.eu/da/news/Pages/Local-leaders-launch-initiative-migrant-integration-EU-regions-cities.aspx)',
    ].join('\n'),
    kind: EventKind.PLENARY,
    strand: null,
    policyAreas: [],
    schedule: { days: ['2019-04-10', '2019-04-11'] },
    timeZone: 'Europe/Brussels',
    format: null,
    venue: { city: 'Brussels', country: 'BE' },
    hostRegions: ['BE10'],
    organisers: ['cor'],
    sourceUrl:
      'https://ec.europa.eu/migrant-integration/news/eu-committee-of-the-regions-set-to-launch-cities-and-regions-for-integration-initiative',
  },
  {
    id: '6f1c2a52-5b0e-4c1e-9d3a-2019062500a2',
    title:
      'Seminar: Integration of migrants and refugees in small territories, a factor for local development',
    summary:
      'A seminar of the Cities and Regions for Integration initiative on integrating migrants and refugees in small and medium-sized cities and rural areas, organised by the CoR with partners including CEMR and the OECD.',
    description: [
      'Part of the Cities and Regions for Integration initiative. The announced programme: researchers presenting studies on migrants and refugees in small and medium-sized cities and rural areas, representatives of small cities, towns and villages presenting their experience, and a discussion with regional and national authorities of how integration can support local development.',
      '',
      'Organised by the European Committee of the Regions in partnership with the OECD, the Council of Europe Development Bank, the International Catholic Migration Commission, CEMR, the SHARE network and the Urban Agenda partnership on the inclusion of migrants and refugees.',
      '',
      'Sources:',
      '',
      '- [European Website on Integration: Brussels – Seminar on Integration of Migrants and Refugees in Small Territories](https://ec.europa.eu/migrant-integration/event/brussels-seminar-on-integration-of-migrants-and-refugees-in-small-territories) (25/06/2019, 14:30-18:00)',
      '- [CoR event page](https://cor.europa.eu/ro/events/Pages/integration-in-small-territories.aspx)',
    ].join('\n'),
    // The enumeration has no "seminar"; a seminar of talks and panels open to registration is a CONFERENCE here.
    kind: EventKind.CONFERENCE,
    strand: null,
    policyAreas: [],
    schedule: { from: '2019-06-25T14:30', until: '2019-06-25T18:00' },
    timeZone: 'Europe/Brussels',
    format: null,
    venue: { city: 'Brussels', country: 'BE' },
    hostRegions: ['BE10'],
    organisers: ['cor', 'cemr'],
    sourceUrl:
      'https://ec.europa.eu/migrant-integration/event/brussels-seminar-on-integration-of-migrants-and-refugees-in-small-territories',
  },
  {
    id: '6f1c2a52-5b0e-4c1e-9d3a-2019120300a3',
    title: "Conference “Go Local: Supporting regions, cities and rural areas in migrants' integration”",
    summary:
      'Conference co-organised by the European Committee of the Regions and the European Commission within the Cities and Regions for Integration initiative, addressed by Commissioner for Home Affairs Ylva Johansson.',
    description: [
      'A conference for local and regional authorities on the support available at EU level for the integration of migrants, and to exchange practices, co-organised by the CoR and the European Commission in the framework of the Cities and Regions for Integration initiative. Commissioner Ylva Johansson addressed it; CPMR was represented by several of its member regions and its General Secretariat.',
      '',
      'Sources:',
      '',
      '- [CPMR: CPMR participates in the Go Local conference](https://cpmr.org/global-agendas/migration/cpmr-participates-in-the-go-local-conference/24243/) (3 December 2019)',
      '- [Futurium, Urban Agenda partnership on inclusion: Go local – Brussels](https://futurium.ec.europa.eu/en/urban-agenda/inclusion-migrants-and-refugees/events/go-local-supporting-regions-cities-and-rural-areas-migrants-inclusion-brussels)',
    ].join('\n'),
    kind: EventKind.CONFERENCE,
    strand: null,
    policyAreas: [],
    schedule: { days: ['2019-12-03', '2019-12-03'] },
    timeZone: 'Europe/Brussels',
    format: null,
    venue: { city: 'Brussels', country: 'BE' },
    hostRegions: ['BE10'],
    // The Commission co-organised it, but no source names the department: only the CoR is recorded.
    organisers: ['cor'],
    sourceUrl:
      'https://cpmr.org/global-agendas/migration/cpmr-participates-in-the-go-local-conference/24243/',
  },
  {
    id: '6f1c2a52-5b0e-4c1e-9d3a-2021031900a4',
    title: 'Launch of the CoR / European Commission partnership on integration',
    summary:
      'At the CoR plenary session, CoR President Apostolos Tzitzikostas and Commissioner for Home Affairs Ylva Johansson announced the partnership to support cities and regions in integrating migrants, a follow-up to the Action plan on integration and inclusion 2021-2027.',
    description: [
      'The European Commission and the European Committee of the Regions launched a partnership to increase cooperation with, and support to, EU cities, regions and rural areas integrating new arrivals. It has three strands of work:',
      '',
      '- open and regular dialogue (political roundtables, public consultations and a forum mapping the territorial impact of migration);',
      '- capacity building and exchange of experience (workshops, online training materials, study visits, mentoring and exchange programmes);',
      '- better evidence and data on integration at local level.',
      '',
      'It builds on the Cities and Regions for Integration initiative launched in 2019.',
      '',
      'Sources:',
      '',
      '- [European Commission, Migration and Home Affairs: Integration of migrants – Commission and Committee of the Regions partnership for EU support to local action](https://home-affairs.ec.europa.eu/news/integration-migrants-commission-and-committee-regions-partnership-eu-support-local-action-2021-03-19_en) (19 March 2021)',
      '- [CoR: CoR and EU Commission launch partnership to help local authorities integrate migrants](https://cor.europa.eu/en/news/Pages/integrate-migrants.aspx)',
      '- [REGIN project: CPMR explores opportunities offered by the partnership](https://reginproject.eu/it/4-cpmr-explores-opportunities-offered-by-the-european-commission-and-committee-of-the-regions-partnership-on-migrant-integration/) (plenary of 19 March)',
    ].join('\n'),
    kind: EventKind.PLENARY,
    strand: null,
    policyAreas: [],
    schedule: { days: ['2021-03-19', '2021-03-19'] },
    timeZone: 'Europe/Brussels',
    format: null,
    venue: null,
    // No source states where the March 2021 plenary sat: no host region.
    hostRegions: [],
    organisers: ['cor', 'ec-dg-home'],
    sourceUrl:
      'https://home-affairs.ec.europa.eu/news/integration-migrants-commission-and-committee-regions-partnership-eu-support-local-action-2021-03-19_en',
  },
];

import { registerEnumType } from 'type-graphql';

// Values and wording follow ../shared/data/cor_integration_partnership_enumerations.json (activity types,
// strands, Action Plan areas). `Strand` and `PolicyArea` are also declared by the forum subgraph with exactly
// the same values and descriptions, so that Federation composes them: change both or neither.

export enum EventKind {
  POLITICAL_ROUNDTABLE = 'POLITICAL_ROUNDTABLE',
  PUBLIC_CONSULTATION = 'PUBLIC_CONSULTATION',
  FORUM_MEETING = 'FORUM_MEETING',
  WORKSHOP = 'WORKSHOP',
  TRAINING = 'TRAINING',
  STUDY_VISIT = 'STUDY_VISIT',
  MENTORING = 'MENTORING',
  EXCHANGE_PROGRAMME = 'EXCHANGE_PROGRAMME',
  CONFERENCE = 'CONFERENCE',
  PLENARY = 'PLENARY',
  WEBINAR = 'WEBINAR',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description:
    'What kind of activity an event is, after the activity types of the CoR / European Commission partnership on integration and the Cities and Regions for Integration initiative.',
  valuesConfig: {
    POLITICAL_ROUNDTABLE: {
      description:
        'A political roundtable between the Commission, the CoR and local and regional authorities (dialogue strand).',
    },
    PUBLIC_CONSULTATION: { description: 'A public consultation (dialogue strand).' },
    FORUM_MEETING: {
      description:
        "A meeting of the forum that maps the territorial impact of migration (the 'Forum of forefront regions' in CPMR's wording; dialogue strand).",
    },
    WORKSHOP: { description: 'A workshop (capacity-building strand).' },
    TRAINING: {
      description: 'A training, e.g. built on the online training materials (capacity-building strand).',
    },
    STUDY_VISIT: { description: 'A study visit (capacity-building strand).' },
    MENTORING: { description: 'A mentoring activity (capacity-building strand).' },
    EXCHANGE_PROGRAMME: { description: 'An activity of an exchange programme (capacity-building strand).' },
    CONFERENCE: {
      description:
        'A conference, e.g. a high-level conference of the partnership or of the Cities and Regions for Integration initiative.',
    },
    PLENARY: {
      description:
        'A plenary session of the European Committee of the Regions (the initiative and the partnership were both launched at one).',
    },
    WEBINAR: { description: 'A webinar: a seminar or presentation held online.' },
  },
});

export enum Strand {
  DIALOGUE = 'DIALOGUE',
  CAPACITY_BUILDING = 'CAPACITY_BUILDING',
  EVIDENCE_AND_DATA = 'EVIDENCE_AND_DATA',
}

registerEnumType(Strand, {
  name: 'Strand',
  description:
    'One of the three strands of work of the CoR / European Commission partnership on integration (2021).',
  valuesConfig: {
    DIALOGUE: {
      description:
        'Open and regular dialogue between the Commission, the CoR and local and regional authorities; mapping the territorial impact of migration and the needs of the most affected authorities.',
    },
    CAPACITY_BUILDING: {
      description: 'Building capacity and exchanging experience on integration and on community sponsorship.',
    },
    EVIDENCE_AND_DATA: { description: 'Improving evidence and data on integration at local level.' },
  },
});

export enum PolicyArea {
  EDUCATION_AND_TRAINING = 'EDUCATION_AND_TRAINING',
  EMPLOYMENT_AND_SKILLS = 'EMPLOYMENT_AND_SKILLS',
  HEALTH = 'HEALTH',
  HOUSING = 'HOUSING',
  PARTNERSHIPS = 'PARTNERSHIPS',
  EU_FUNDING_2021_2027 = 'EU_FUNDING_2021_2027',
  PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY = 'PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY',
  NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS = 'NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS',
  MONITORING_PROGRESS = 'MONITORING_PROGRESS',
}

registerEnumType(PolicyArea, {
  name: 'PolicyArea',
  description:
    'An area of the EU Action plan on Integration and Inclusion 2021-2027 (COM(2020) 758): four sectoral and five horizontal areas.',
  valuesConfig: {
    EDUCATION_AND_TRAINING: { description: 'Education and training (sectoral area).' },
    EMPLOYMENT_AND_SKILLS: { description: 'Employment and skills (sectoral area).' },
    HEALTH: { description: 'Health (sectoral area).' },
    HOUSING: { description: 'Housing (sectoral area).' },
    PARTNERSHIPS: { description: 'Partnerships for the integration process (horizontal area).' },
    EU_FUNDING_2021_2027: {
      description: 'EU funding under the 2021-2027 multiannual financial framework (horizontal area).',
    },
    PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY: {
      description: 'Participation and encounters with the host society (horizontal area).',
    },
    NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS: {
      description: 'New technologies and digital tools for integration and inclusion (horizontal area).',
    },
    MONITORING_PROGRESS: {
      description: 'Monitoring progress on integration and inclusion (horizontal area).',
    },
  },
});

export enum EventFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}

registerEnumType(EventFormat, {
  name: 'EventFormat',
  description: 'How people take part in an event.',
  valuesConfig: {
    IN_PERSON: { description: 'At a venue only (the event has a venue).' },
    ONLINE: { description: 'Online only (the event has an online URL).' },
    HYBRID: { description: 'At a venue and online (the event has both).' },
  },
});

export enum EventStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description:
    'Where an event is in its life: drafts are seen only by their organisation; published and cancelled events by everyone.',
  valuesConfig: {
    DRAFT: {
      description:
        "Being prepared: visible only to the creating organisation's contributors and editors, and to hub admins.",
    },
    PUBLISHED: { description: 'Announced to everyone.' },
    CANCELLED: {
      description: 'Announced, then called off (`cancellationReason` says why); still listed when asked for.',
    },
  },
});

export enum EventOrder {
  STARTS_AT_ASC = 'STARTS_AT_ASC',
  STARTS_AT_DESC = 'STARTS_AT_DESC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}

registerEnumType(EventOrder, {
  name: 'EventOrder',
  description: 'Order of an event list; ties are broken by id, so cursors stay stable.',
  valuesConfig: {
    STARTS_AT_ASC: { description: 'Earliest start first (the default).' },
    STARTS_AT_DESC: { description: 'Latest start first.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
  },
});

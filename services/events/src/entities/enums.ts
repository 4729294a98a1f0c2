import { registerEnumType } from 'type-graphql';

// Values and wording follow ../shared/data/cor_integration_partnership_enumerations.json (activity types).
// `Strand` and `PolicyArea`, which the forum subgraph uses too, are declared once in the kit (`@hub/kit`).

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

/** What happened to an event (the write that published the message). */
export enum EventChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(EventChangeKind, {
  name: 'EventChangeKind',
  description: 'What happened to an event.',
  valuesConfig: {
    CREATED: { description: 'It was created (as a draft, or published at once).' },
    UPDATED: { description: 'Its details changed.' },
    PUBLISHED: { description: 'A draft was published.' },
    CANCELLED: { description: 'It was cancelled (see `cancellationReason`).' },
  },
});

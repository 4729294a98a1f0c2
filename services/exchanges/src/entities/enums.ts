import { registerEnumType } from 'type-graphql';

// `PolicyArea` comes from the kit (shared with events, forum and dialogue). The rest is this subgraph's own.

export enum ProgrammeKind {
  MENTORING = 'MENTORING',
  EXCHANGE = 'EXCHANGE',
  STUDY_VISIT_SERIES = 'STUDY_VISIT_SERIES',
}

registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'The kind of a mentoring and exchange programme of the partnership.',
  valuesConfig: {
    MENTORING: { description: 'An experienced region or city mentors a less experienced one.' },
    EXCHANGE: { description: 'Peers exchange experience both ways.' },
    STUDY_VISIT_SERIES: { description: 'A series of study visits from mentee to mentor territories.' },
  },
});

export enum ProgrammeStatus {
  DRAFT = 'DRAFT',
  CALL_OPEN = 'CALL_OPEN',
  RUNNING = 'RUNNING',
  CLOSED = 'CLOSED',
}

registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description:
    "Where a programme is in its life. It moves only forward, DRAFT → CALL_OPEN → RUNNING → CLOSED, by the organiser's editors; any other move is a CONFLICT carrying `extensions.currentStatus`.",
  valuesConfig: {
    DRAFT: {
      description:
        "Being prepared; visible only to the organiser's contributors and editors and to hub admins.",
    },
    CALL_OPEN: {
      description:
        'Public, and taking applications between `applicationsOpenAt` and `applicationsCloseAt`; pairings can be proposed.',
    },
    RUNNING: { description: 'The call is closed; pairings work together and can still be proposed.' },
    CLOSED: { description: 'Over: nothing changes any more.' },
  },
});

export enum ApplicationRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}

registerEnumType(ApplicationRole, {
  name: 'ApplicationRole',
  description: 'The side an application is for.',
  valuesConfig: {
    MENTOR: { description: 'Offers its experience: its areas say what it offers.' },
    MENTEE: { description: 'Seeks experience: its areas say what it needs.' },
  },
});

export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Whether an application stands.',
  valuesConfig: {
    SUBMITTED: { description: 'Stands; editable with its version while the call is open.' },
    WITHDRAWN: {
      description:
        'Withdrawn by its organisation: it can no longer be paired, and a new application may be made for the same territory and role.',
    },
  },
});

export enum PairingStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(PairingStatus, {
  name: 'PairingStatus',
  description:
    'Where a pairing is: PROPOSED → ACCEPTED (once both organisations accepted) → ACTIVE → COMPLETED, or DECLINED / WITHDRAWN. Any other move is a CONFLICT carrying `extensions.currentStatus`.',
  valuesConfig: {
    PROPOSED: {
      description:
        'Proposed by the organiser; waits for both organisations to accept. Visible to the two organisations and the organiser only.',
    },
    ACCEPTED: {
      description:
        'Both organisations accepted; the organiser starts it. Visible to the two organisations and the organiser only.',
    },
    ACTIVE: { description: 'The two organisations work together. Public.' },
    COMPLETED: { description: 'Done. Public.' },
    DECLINED: {
      description:
        'One organisation declined the proposal. Visible to the two organisations and the organiser only.',
    },
    WITHDRAWN: {
      description:
        'Withdrawn by the organiser or one of the organisations before completion. Visible to the two organisations and the organiser only.',
    },
  },
});

export enum PairingSide {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}

registerEnumType(PairingSide, {
  name: 'PairingSide',
  description:
    'The side of a pairing an organisation acts for; acting for the side of another organisation is FORBIDDEN.',
  valuesConfig: {
    MENTOR: { description: 'The organisation of the mentor application.' },
    MENTEE: { description: 'The organisation of the mentee application.' },
  },
});

export enum SuggestionFactor {
  EMPLOYMENT_GAP = 'EMPLOYMENT_GAP',
  FOREIGN_BORN_SHARE = 'FOREIGN_BORN_SHARE',
  NEEDS_COVERED = 'NEEDS_COVERED',
  SHARED_LANGUAGES = 'SHARED_LANGUAGES',
  DISTANCE = 'DISTANCE',
}

registerEnumType(SuggestionFactor, {
  name: 'SuggestionFactor',
  description: 'One piece of evidence behind a suggested mentor, with its weight in the score.',
  valuesConfig: {
    EMPLOYMENT_GAP: {
      description:
        'Employment gap native-born minus foreign-born, aged 20-64 (indicator `employment_gap_20_64`, breakdown NATIVE_MINUS_FOREIGN_BORN): a mentor with a smaller gap than the mentee scores, fully at 10 percentage points smaller. Weight 35.',
    },
    FOREIGN_BORN_SHARE: {
      description:
        'Share of foreign-born persons aged 15-64 (indicator `population_share_15_64`, breakdown FOREIGN_BORN): the closer to the mentee the better, nothing at 10 percentage points apart or more. Weight 20.',
    },
    NEEDS_COVERED: {
      description:
        'Share of the needs of the mentee covered by the policy areas the mentor offers, each need weighted by its severity in `Region.needs` (dialogue subgraph; 3 when not reported there). Weight 25.',
    },
    SHARED_LANGUAGES: {
      description:
        'Share of the languages of the mentee application the mentor application shares. Weight 10.',
    },
    DISTANCE: {
      description:
        'Distance between the centroids of the two regions (regions subgraph geometry): 1 / (1 + km / 500). Weight 10.',
    },
  },
});

import { registerEnumType } from 'type-graphql';

// `Strand` and `PolicyArea` come from the kit (shared with events and forum). The rest is this subgraph's own.

export enum ConsultationStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
}

registerEnumType(ConsultationStatus, {
  name: 'ConsultationStatus',
  description:
    "Where a consultation is in its life. It moves only forward, DRAFT → OPEN → CLOSED → RESULTS_PUBLISHED, by the organiser's editors; any other move is a CONFLICT carrying `extensions.currentStatus`.",
  valuesConfig: {
    DRAFT: {
      description:
        "Being prepared: questions can still change. Visible only to the organiser's contributors and editors and to hub admins.",
    },
    OPEN: {
      description:
        'Published and answerable between `opensAt` and `closesAt` by its audience; questions are frozen.',
    },
    CLOSED: { description: 'No longer answerable; responses are frozen, results not yet public.' },
    RESULTS_PUBLISHED: {
      description:
        'Closed, and its aggregated results are public (cells of fewer than 3 responses suppressed).',
    },
  },
});

export enum AudienceKind {
  ALL_PARTNERS = 'ALL_PARTNERS',
  MEMBERS_OF_ORGANISATION = 'MEMBERS_OF_ORGANISATION',
  LISTED_ORGANISATIONS = 'LISTED_ORGANISATIONS',
}

registerEnumType(AudienceKind, {
  name: 'AudienceKind',
  description: 'Who may answer a consultation.',
  valuesConfig: {
    ALL_PARTNERS: { description: 'Every partner organisation of the hub.' },
    MEMBERS_OF_ORGANISATION: {
      description:
        'The members of one named organisation (e.g. the Forum of forefront regions), as the regions subgraph records them.',
    },
    LISTED_ORGANISATIONS: { description: 'Only the organisations listed in the audience.' },
  },
});

export enum QuestionKind {
  SCALE = 'SCALE',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  NUMBER = 'NUMBER',
  FREE_TEXT = 'FREE_TEXT',
}

registerEnumType(QuestionKind, {
  name: 'QuestionKind',
  description: 'The type of a question, which fixes the answer it takes.',
  valuesConfig: {
    SCALE: {
      description:
        'A whole number from 1 to 5, with one label per point (`scaleLabels`); answered with `scale`. In a needs assessment, 1 = no need and 5 = most severe need.',
    },
    SINGLE_CHOICE: { description: 'Exactly one of `options`; answered with `choices` holding one option.' },
    MULTIPLE_CHOICE: {
      description: 'One or more of `options`, each at most once; answered with `choices`.',
    },
    NUMBER: {
      description: 'A number in `unit`, within `min` and `max` when they are set; answered with `number`.',
    },
    FREE_TEXT: {
      description:
        'Plain text of up to 5,000 characters; answered with `text`. Never aggregated or shown outside the responding organisation and the organiser.',
    },
  },
});

export enum ResponseStatus {
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ResponseStatus, {
  name: 'ResponseStatus',
  description: 'Whether a response counts.',
  valuesConfig: {
    SUBMITTED: {
      description: 'Counts in the results; editable with its version until the consultation closes.',
    },
    WITHDRAWN: {
      description:
        'Withdrawn by its organisation before the consultation closed: it no longer counts, and a new response may be created for the same territory.',
    },
  },
});

export enum BreakdownLevel {
  COUNTRY = 'COUNTRY',
  NUTS1 = 'NUTS1',
  NUTS2 = 'NUTS2',
}

registerEnumType(BreakdownLevel, {
  name: 'BreakdownLevel',
  description:
    'A NUTS level by which results are broken down. A response counts in the region whose code is the first 2 (country), 3 (NUTS 1) or 4 (NUTS 2) characters of its territory code; a response for a territory above that level counts in no cell of it.',
  valuesConfig: {
    COUNTRY: { description: 'NUTS level 0: countries (code of 2 letters, e.g. "EL").' },
    NUTS1: { description: 'NUTS level 1 (code of 3 characters, e.g. "EL4").' },
    NUTS2: { description: 'NUTS level 2 (code of 4 characters, e.g. "EL43").' },
  },
});

/** Number of characters of a NUTS code at each breakdown level. */
export const CODE_LENGTH: Record<BreakdownLevel, number> = {
  [BreakdownLevel.COUNTRY]: 2,
  [BreakdownLevel.NUTS1]: 3,
  [BreakdownLevel.NUTS2]: 4,
};

export enum ConsultationOrder {
  CLOSES_AT_DESC = 'CLOSES_AT_DESC',
  CLOSES_AT_ASC = 'CLOSES_AT_ASC',
}

registerEnumType(ConsultationOrder, {
  name: 'ConsultationOrder',
  description: 'Order of a consultation list; ties are broken by id, so cursors stay stable.',
  valuesConfig: {
    CLOSES_AT_DESC: { description: 'Latest closing date first (the default).' },
    CLOSES_AT_ASC: { description: 'Earliest closing date first.' },
  },
});

export enum ConsultationChangeKind {
  OPENED = 'OPENED',
  CLOSED = 'CLOSED',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
  UPDATED = 'UPDATED',
  RESPONSES_CHANGED = 'RESPONSES_CHANGED',
}

registerEnumType(ConsultationChangeKind, {
  name: 'ConsultationChangeKind',
  description: 'What happened to a consultation (never what a response says).',
  valuesConfig: {
    OPENED: { description: 'It was opened for responses.' },
    CLOSED: { description: 'It was closed.' },
    RESULTS_PUBLISHED: { description: 'Its aggregated results were published.' },
    UPDATED: { description: 'Its details changed while it was open (e.g. its closing date).' },
    RESPONSES_CHANGED: {
      description: 'A response was submitted or withdrawn: the number of responses changed.',
    },
  },
});

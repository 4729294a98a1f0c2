import { registerEnumType } from 'type-graphql';

// `Strand` and `PolicyArea` (which the events subgraph uses too) and `TargetGroup` (which the library subgraph uses
// too) are declared once in the kit (`@hub/kit`).

export enum ThreadStatus {
  OPEN = 'OPEN',
  LOCKED = 'LOCKED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ThreadStatus, {
  name: 'ThreadStatus',
  description: 'Whether a thread takes new posts.',
  valuesConfig: {
    OPEN: { description: 'Open: partners may reply and authors may edit their posts.' },
    LOCKED: {
      description: 'Locked by a moderator: readable, listed by default, but no new posts and no edits.',
    },
    ARCHIVED: {
      description:
        'Archived by a moderator: readable, no new posts and no edits, and left out of lists unless asked for.',
    },
  },
});

export enum ThreadOrder {
  LAST_ACTIVITY_DESC = 'LAST_ACTIVITY_DESC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}

registerEnumType(ThreadOrder, {
  name: 'ThreadOrder',
  description: 'Order of a list of threads.',
  valuesConfig: {
    LAST_ACTIVITY_DESC: { description: 'Most recent visible post first (the default).' },
    CREATED_AT_DESC: { description: 'Most recently started thread first.' },
  },
});

/** What happened to a thread (the `change` of a `threadActivity` message). */
export enum ThreadChange {
  STARTED = 'STARTED',
  REPLIED = 'REPLIED',
  POST_EDITED = 'POST_EDITED',
  POST_HIDDEN = 'POST_HIDDEN',
  POST_SHOWN = 'POST_SHOWN',
  LOCKED = 'LOCKED',
  UNLOCKED = 'UNLOCKED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ThreadChange, {
  name: 'ThreadChange',
  description: 'What happened to a thread.',
  valuesConfig: {
    STARTED: { description: 'The thread was started (with its opening post).' },
    REPLIED: { description: 'A reply was posted.' },
    POST_EDITED: { description: 'Its author edited a post.' },
    POST_HIDDEN: { description: 'A moderator hid a post.' },
    POST_SHOWN: { description: 'A moderator showed a hidden post again.' },
    LOCKED: { description: 'A moderator locked the thread: no more replies.' },
    UNLOCKED: { description: 'A moderator opened the thread again.' },
    ARCHIVED: { description: 'A moderator archived the thread.' },
  },
});

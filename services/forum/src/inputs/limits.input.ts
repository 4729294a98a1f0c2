// The forum's text limits, in characters as a reader counts them (Unicode code points, surrounding whitespace
// not counted: the kit's `TextLength`).

/** Title length. */
export const TITLE_LENGTH = { min: 3, max: 200 } as const;
/** Post body length. */
export const BODY_LENGTH = { min: 1, max: 10_000 } as const;
/** Length of a moderator's reason for hiding a post or locking/archiving a thread. */
export const REASON_LENGTH = { min: 1, max: 500 } as const;
/** Most regions one thread may name. */
export const MAX_THREAD_REGIONS = 50;

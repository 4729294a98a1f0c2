import { badUserInput } from '@hub/kit';
import { GraphQLError } from 'graphql';

/** Title length in characters (Unicode code points), surrounding whitespace not counted. */
export const TITLE_LENGTH = { min: 3, max: 200 } as const;
/** Post body length in characters (Unicode code points), surrounding whitespace not counted. */
export const BODY_LENGTH = { min: 1, max: 10_000 } as const;
/** Length of a moderator's reason for hiding a post or locking/archiving a thread. */
export const REASON_LENGTH = { min: 1, max: 500 } as const;
/** Most regions one thread may name. */
export const MAX_THREAD_REGIONS = 50;

/** New posts (opening posts and replies) one author may write per `RATE_WINDOW_SECONDS`, by default. */
export const DEFAULT_POSTS_PER_MINUTE = 10;
/** The sliding window of the posting rate limit. */
export const RATE_WINDOW_SECONDS = 60;

/** Settings of one forum subgraph instance. */
export interface ForumSettings {
  /** New posts per author per minute (sliding window), counted in the database across replicas. */
  postsPerMinute: number;
}

/** Length in characters as a reader counts them (code points, so an emoji is one). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _character of text) count += 1;
  return count;
}

/**
 * A text argument within `range` characters: BAD_USER_INPUT naming the argument and the limit, with the
 * `allowedRange` extension the kit's `validateIntRange` uses. Surrounding whitespace does not count.
 */
export function checkLength(
  text: string,
  range: { min: number; max: number },
  argumentName: string,
  what: string,
): void {
  const length = characterCount(text.trim());
  if (length < range.min || length > range.max) {
    throw badUserInput(
      `${what} must be ${range.min}-${range.max.toLocaleString('en')} characters long (got ${length.toLocaleString('en')}).`,
      argumentName,
      { allowedRange: range },
    );
  }
}

/** The posting rate limit was reached: RATE_LIMITED, with the whole seconds to wait. */
export function rateLimited(postsPerMinute: number, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `You have written ${postsPerMinute} posts in the last ${RATE_WINDOW_SECONDS} seconds, the most allowed: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } },
  );
}

import { executeSql, sql, z } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

/** New posts (opening posts and replies) one author may write per `RATE_WINDOW_SECONDS`, by default. */
export const DEFAULT_POSTS_PER_MINUTE = 10;
/** The sliding window of the posting rate limit. */
export const RATE_WINDOW_SECONDS = 60;

/** Settings of one forum subgraph instance. */
export interface ForumSettings {
  /** New posts per author per minute (sliding window), counted in the database across replicas. */
  postsPerMinute: number;
}

/** The posting rate limit was reached: RATE_LIMITED, with the whole seconds to wait. */
export function rateLimited(postsPerMinute: number, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `You have written ${postsPerMinute} posts in the last ${RATE_WINDOW_SECONDS} seconds, the most allowed: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } },
  );
}

/**
 * The posting rate limit, inside the write's transaction so it holds across replicas: an advisory lock on the
 * author serialises their concurrent posts, then their posts of the last minute are counted (a fresh snapshot:
 * the lock is taken by an earlier statement). Returns the database's time for the new post (milliseconds, as
 * cursors carry them), or throws RATE_LIMITED with the seconds until the oldest counted post leaves the window.
 */
export async function claimPostingSlot(
  em: EntityManager,
  subject: string,
  postsPerMinute: number,
): Promise<Date> {
  await executeSql(
    em,
    sql`SELECT pg_advisory_xact_lock(hashtext('hub:forum:posting'), hashtext(${subject}))`,
  );
  const [row] = await executeSql<{ now: Date; recent: string; slot_frees_at: Date | null }>(
    em,
    sql`WITH clock AS (SELECT date_trunc('milliseconds', clock_timestamp()) AS now),
     recent AS (
       SELECT p.created_at, row_number() OVER (ORDER BY p.created_at DESC) AS newest_first
       FROM post p, clock
       WHERE p.author_subject = ${subject} AND p.created_at > clock.now - make_interval(secs => ${RATE_WINDOW_SECONDS})
     )
     SELECT clock.now,
            (SELECT count(*) FROM recent) AS recent,
            (SELECT created_at + make_interval(secs => ${RATE_WINDOW_SECONDS}) FROM recent WHERE newest_first = ${postsPerMinute}) AS slot_frees_at
     FROM clock`,
  );
  const now = new Date(row!.now);
  if (Number(row!.recent) >= postsPerMinute) {
    const waitMs = new Date(row!.slot_frees_at ?? now).getTime() - now.getTime();
    throw rateLimited(postsPerMinute, Math.max(1, Math.ceil(waitMs / 1000)));
  }
  return now;
}

/**
 * The forum's own environment (`FORUM_POSTS_PER_MINUTE`, see .env.example) as its settings: the kit parses it once
 * at start (`hub-subgraph start`, or `settings` in a test's config) and hands it to every request as
 * `context.settings`; an invalid value stops the start naming the variable.
 */
export const forumSettingsSchema = z
  .object({
    FORUM_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_POSTS_PER_MINUTE),
  })
  .transform((env): ForumSettings => ({ postsPerMinute: env.FORUM_POSTS_PER_MINUTE }));

import { executeSql, normaliseSearchText, sql } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What `ThreadFilter.search` looks in: the title and, unless hidden, the opening post, folded. */
export function searchTextOf(title: string, visibleOpeningBody: string | null): string {
  return normaliseSearchText(`${title} ${visibleOpeningBody ?? ''}`);
}

/**
 * Recomputes a thread's visible post count and last activity from its posts (after a post was added, hidden
 * or shown again). Plain SQL on purpose: these columns must not bump the thread's `version`.
 */
export async function refreshThreadActivity(em: EntityManager, threadId: string): Promise<void> {
  await em.flush();
  await executeSql(
    em,
    sql`UPDATE thread t
       SET post_count = s.visible, last_activity_at = coalesce(s.last_at, t.created_at)
       FROM (
         SELECT count(*) FILTER (WHERE NOT hidden) AS visible, max(created_at) FILTER (WHERE NOT hidden) AS last_at
         FROM post WHERE thread_id = ${threadId}
       ) s
       WHERE t.id = ${threadId}`,
  );
}

/** Updates the search text of a thread (its opening post was edited, hidden or shown); no version bump. */
export async function refreshThreadSearch(
  em: EntityManager,
  threadId: string,
  title: string,
  visibleOpeningBody: string | null,
): Promise<void> {
  await executeSql(
    em,
    sql`UPDATE thread SET search = ${searchTextOf(title, visibleOpeningBody)} WHERE id = ${threadId}`,
  );
}

import type { DomainEvent } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadChange } from '../entities/enums';
import { ThreadRegion } from '../entities/thread-region.entity';
import type { Thread } from '../entities/thread.entity';

/** The one bus topic of the forum: every committed change of a thread or of a post in it. */
export const THREAD_CHANGED = 'forum.threadChanged';

/** The bus payload: ids and what subscribers filter on (organisation, region codes), never post text. */
export interface ThreadChangedPayload extends Record<string, unknown> {
  threadId: string;
  /** The post added, edited, hidden or shown; null for changes of the thread itself. */
  postId: string | null;
  change: ThreadChange;
  organisationId: string;
  regions: string[];
}

/** The domain event of a committed forum write (region codes read in the write's transaction). */
export async function threadChangedEvent(
  em: EntityManager,
  thread: Pick<Thread, 'id' | 'organisationId'>,
  change: ThreadChange,
  postId: string | null = null,
  regions?: string[],
): Promise<DomainEvent> {
  const codes =
    regions ?? (await em.find(ThreadRegion, { threadId: thread.id })).map((row) => row.regionCode).sort();
  const payload: ThreadChangedPayload = {
    threadId: thread.id,
    postId,
    change,
    organisationId: thread.organisationId,
    regions: codes,
  };
  return { topic: THREAD_CHANGED, payload };
}

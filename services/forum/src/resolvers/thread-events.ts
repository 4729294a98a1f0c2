import type { DomainEvent } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { ThreadRegion } from '../entities/thread-region.entity';
import type { Thread } from '../entities/thread.entity';

/** The one bus topic of the forum: every committed change of a thread or of a post in it. */
export const THREAD_CHANGED = 'forum.threadChanged';

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

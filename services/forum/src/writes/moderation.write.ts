import { applyPatch, assertVersion, notFound, performWrite } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadChange, ThreadStatus } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { Thread } from '../entities/thread.entity';
import type {
  CloseThreadInput,
  HidePostInput,
  UnhidePostInput,
  UnlockThreadInput,
} from '../inputs/moderation.input';
import type { ForumContext } from '../loaders';
import { refreshThreadActivity, refreshThreadSearch } from './thread-bookkeeping.write';
import { threadChangedEvent } from './thread-changed.write';
import { assertCanModerate, databaseNow, lockThreadRow } from './write-checks.write';

/** The `threadActivity` change a moderator's status change publishes. */
const STATUS_CHANGES: Record<ThreadStatus, ThreadChange> = {
  [ThreadStatus.OPEN]: ThreadChange.UNLOCKED,
  [ThreadStatus.LOCKED]: ThreadChange.LOCKED,
  [ThreadStatus.ARCHIVED]: ThreadChange.ARCHIVED,
};

const loadThread = (em: EntityManager, id: string) => em.findOneOrFail(Thread, { id });
const loadPost = (em: EntityManager, id: string) => em.findOneOrFail(Post, { id });

/** Hides a post (a hidden one: updates the reason) or shows it again, from the version the moderator read. */
export function setPostHidden(
  context: ForumContext,
  input: HidePostInput | UnhidePostInput,
  hide: boolean,
): Promise<Post> {
  const postId = input.id.trim().toLowerCase();
  const reason = hide ? (input as HidePostInput).reason.trim() : null;
  const { version } = input;
  return performWrite(
    context,
    { entity: 'Post', action: hide ? 'hide' : 'unhide', input: { id: postId, version, reason } },
    async (em) => {
      const post = await em.findOne(Post, { id: postId });
      if (!post) throw notFound(`No post has id "${postId}".`);
      const thread = await lockThreadRow(em, post.threadId);
      assertCanModerate(context, thread);
      assertVersion(post, version, 'Post');
      const changedFields = applyPatch(post, { hidden: hide, moderationReason: reason });
      if (changedFields.includes('hidden')) {
        post.hiddenAt = hide ? await databaseNow(em) : null;
        post.hiddenBySubject = hide ? context.caller.subject : null;
        await refreshThreadActivity(em, thread.id);
        if (post.id === thread.openingPostId) {
          await refreshThreadSearch(em, thread.id, thread.title, hide ? null : post.body);
        }
      }
      const change = hide ? ThreadChange.POST_HIDDEN : ThreadChange.POST_SHOWN;
      // also when only the reason changed: `moderationReason` is served (and cached by the gateway)
      const events = changedFields.length ? [await threadChangedEvent(em, thread, change, post.id)] : [];
      return { entityId: post.id, changedFields, events };
    },
    loadPost,
  );
}

/** Locks, archives or opens again a thread, from the version the moderator read. */
export function setThreadStatus(
  context: ForumContext,
  action: 'lock' | 'archive' | 'unlock',
  input: CloseThreadInput | UnlockThreadInput,
  status: ThreadStatus,
): Promise<Thread> {
  const threadId = input.id.trim().toLowerCase();
  // Optional reasons: blank means none.
  const reason = ('reason' in input && input.reason?.trim()) || null;
  const { version } = input;
  return performWrite(
    context,
    { entity: 'Thread', action, input: { id: threadId, version, reason } },
    async (em) => {
      const thread = await lockThreadRow(em, threadId);
      assertCanModerate(context, thread);
      assertVersion(thread, version, 'Thread');
      const changedFields = applyPatch(thread, { status, statusReason: reason });
      // also when only the reason changed: `statusReason` is served (and cached by the gateway)
      const events = changedFields.length
        ? [await threadChangedEvent(em, thread, STATUS_CHANGES[status])]
        : [];
      return { entityId: thread.id, changedFields, events };
    },
    loadThread,
  );
}

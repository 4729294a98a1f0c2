import { applyPatch, assertVersion, forbidden, notFound, performWrite } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ThreadStatus } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { Thread } from '../entities/thread.entity';
import { checkLength, REASON_LENGTH } from '../limits';
import { CloseThreadArgs, HidePostArgs, UnhidePostArgs, UnlockThreadArgs } from './inputs/moderation.args';
import { refreshThreadActivity, refreshThreadSearch } from './thread-bookkeeping';
import { ThreadChange, threadChangedEvent } from './thread-events';
import type { ForumContext } from './types';
import { canModerate } from './visibility';
import { databaseNow, lockThreadRow, requireUuid } from './write-checks';

/** The `threadActivity` change a moderator's status change publishes. */
const STATUS_CHANGES: Record<ThreadStatus, ThreadChange> = {
  [ThreadStatus.OPEN]: ThreadChange.UNLOCKED,
  [ThreadStatus.LOCKED]: ThreadChange.LOCKED,
  [ThreadStatus.ARCHIVED]: ThreadChange.ARCHIVED,
};

const loadThread = (em: EntityManager, id: string) => em.findOneOrFail(Thread, { id });
const loadPost = (em: EntityManager, id: string) => em.findOneOrFail(Post, { id });

function assertCanModerate(context: ForumContext, thread: Thread): void {
  if (!canModerate(context.caller, thread.organisationId)) {
    throw forbidden(
      `Only moderators of "${thread.organisationId}" (the thread's organisation) and hub admins may do this.`,
    );
  }
}

/** Optional reasons: blank means none. */
function reasonOrNull(reason: string | null | undefined): string | null {
  if (!reason?.trim()) return null;
  checkLength(reason, REASON_LENGTH, 'reason', 'The reason');
  return reason.trim();
}

/**
 * Moderation by moderators of a thread's organisation and hub admins (`@Authorized('moderator')` lets
 * moderators of any organisation and admins in; which thread they may moderate is checked inside the write).
 */
@Resolver()
export class ModerationResolver {
  @Authorized('moderator')
  @Mutation(() => Post, {
    description:
      "Hides a post: it stays in its thread, but its text is shown only to moderators of the thread's organisation and hub admins, and it no longer counts in `postCount`. Hiding a hidden post updates the reason.",
  })
  hidePost(@Args(() => HidePostArgs) args: HidePostArgs, @Ctx() context: ForumContext): Promise<Post> {
    checkLength(args.reason, REASON_LENGTH, 'reason', 'The reason');
    return this.setHidden(context, requireUuid(args.id, 'id', 'a post id'), args.reason.trim());
  }

  @Authorized('moderator')
  @Mutation(() => Post, { description: 'Shows a hidden post again (its moderation reason is cleared).' })
  unhidePost(@Args(() => UnhidePostArgs) args: UnhidePostArgs, @Ctx() context: ForumContext): Promise<Post> {
    return this.setHidden(context, requireUuid(args.id, 'id', 'a post id'), null);
  }

  @Authorized('moderator')
  @Mutation(() => Thread, {
    description: 'Locks a thread: it stays listed and readable, but takes no replies and no edits.',
  })
  lockThread(
    @Args(() => CloseThreadArgs) args: CloseThreadArgs,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return this.setStatus(context, 'lock', args, ThreadStatus.LOCKED, reasonOrNull(args.reason));
  }

  @Authorized('moderator')
  @Mutation(() => Thread, {
    description:
      'Archives a thread: readable, takes no replies and no edits, and is left out of lists unless asked for.',
  })
  archiveThread(
    @Args(() => CloseThreadArgs) args: CloseThreadArgs,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return this.setStatus(context, 'archive', args, ThreadStatus.ARCHIVED, reasonOrNull(args.reason));
  }

  @Authorized('moderator')
  @Mutation(() => Thread, { description: 'Opens a locked or archived thread again.' })
  unlockThread(
    @Args(() => UnlockThreadArgs) args: UnlockThreadArgs,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return this.setStatus(context, 'unlock', args, ThreadStatus.OPEN, null);
  }

  private setHidden(context: ForumContext, postId: string, reason: string | null): Promise<Post> {
    const hide = reason !== null;
    return performWrite(
      context,
      { entity: 'Post', action: hide ? 'hide' : 'unhide', input: { id: postId, reason } },
      async (em) => {
        const post = await em.findOne(Post, { id: postId });
        if (!post) throw notFound(`No post has id "${postId}".`);
        const thread = await lockThreadRow(em, post.threadId);
        assertCanModerate(context, thread);
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
        const events = changedFields.includes('hidden')
          ? [await threadChangedEvent(em, thread, change, post.id)]
          : [];
        return { entityId: post.id, changedFields, events };
      },
      loadPost,
    );
  }

  private setStatus(
    context: ForumContext,
    action: string,
    args: UnlockThreadArgs,
    status: ThreadStatus,
    reason: string | null,
  ): Promise<Thread> {
    const threadId = requireUuid(args.id, 'id', 'a thread id');
    const { version } = args;
    return performWrite(
      context,
      { entity: 'Thread', action, input: { id: threadId, version, reason } },
      async (em) => {
        const thread = await lockThreadRow(em, threadId);
        assertCanModerate(context, thread);
        assertVersion(thread, version, 'Thread');
        const changedFields = applyPatch(thread, { status, statusReason: reason });
        const events = changedFields.includes('status')
          ? [await threadChangedEvent(em, thread, STATUS_CHANGES[status])]
          : [];
        return { entityId: thread.id, changedFields, events };
      },
      loadThread,
    );
  }
}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ThreadStatus } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { Thread } from '../entities/thread.entity';
import {
  ArchiveThreadInput,
  HidePostInput,
  LockThreadInput,
  UnhidePostInput,
  UnlockThreadInput,
} from '../inputs/moderation.input';
import type { ForumContext } from '../loaders';
import { setPostHidden, setThreadStatus } from '../writes/moderation.write';

const STALE = 'A stale `version` is a CONFLICT with `currentVersion`.';

/**
 * Moderation by moderators of a thread's organisation and hub admins (`@Authorized('moderator')` lets
 * moderators of any organisation and admins in; which thread they may moderate is checked inside the write).
 */
@Resolver()
export class ModerationResolver {
  @Authorized('moderator')
  @Mutation(() => Post, {
    description: `Hides a post: it stays in its thread, but its text is shown only to moderators of the thread's organisation and hub admins, and it no longer counts in \`postCount\`. Hiding a hidden post updates the reason. ${STALE}`,
  })
  hidePost(
    @Arg('input', () => HidePostInput, { description: 'The post, the version you last read and why.' })
    input: HidePostInput,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    return setPostHidden(context, input, true);
  }

  @Authorized('moderator')
  @Mutation(() => Post, {
    description: `Shows a hidden post again (its moderation reason is cleared). ${STALE}`,
  })
  unhidePost(
    @Arg('input', () => UnhidePostInput, { description: 'The post and the version you last read.' })
    input: UnhidePostInput,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    return setPostHidden(context, input, false);
  }

  @Authorized('moderator')
  @Mutation(() => Thread, {
    description: `Locks a thread: it stays listed and readable, but takes no replies and no edits. ${STALE}`,
  })
  lockThread(
    @Arg('input', () => LockThreadInput, { description: 'The thread, the version you last read and why.' })
    input: LockThreadInput,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return setThreadStatus(context, 'lock', input, ThreadStatus.LOCKED);
  }

  @Authorized('moderator')
  @Mutation(() => Thread, {
    description: `Archives a thread: readable, takes no replies and no edits, and is left out of lists unless asked for. ${STALE}`,
  })
  archiveThread(
    @Arg('input', () => ArchiveThreadInput, { description: 'The thread, the version you last read and why.' })
    input: ArchiveThreadInput,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return setThreadStatus(context, 'archive', input, ThreadStatus.ARCHIVED);
  }

  @Authorized('moderator')
  @Mutation(() => Thread, { description: `Opens a locked or archived thread again. ${STALE}` })
  unlockThread(
    @Arg('input', () => UnlockThreadInput, { description: 'The thread and the version you last read.' })
    input: UnlockThreadInput,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return setThreadStatus(context, 'unlock', input, ThreadStatus.OPEN);
  }
}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Post } from '../entities/post.entity';
import { Thread } from '../entities/thread.entity';
import { EditPostInput, ReplyInput } from '../inputs/post.input';
import { StartThreadInput } from '../inputs/start-thread.input';
import type { ForumContext } from '../loaders';
import { editPost, reply } from '../writes/post.write';
import { startThread } from '../writes/start-thread.write';

/** Partners start threads, reply and edit their own posts; every write follows the kit's write pattern. */
@Resolver()
export class PostingResolver {
  @Authorized('contributor', 'editor', 'moderator')
  @Mutation(() => Thread, {
    description:
      "Starts a thread with its opening post, for the caller's organisation (contributors, editors, moderators and hub admins). With `event`, the thread becomes that event's one discussion (CONFLICT with `existingId` when it has one). Subject to the posting rate limit (RATE_LIMITED with `retryAfterSeconds`).",
  })
  startThread(
    @Arg('input', () => StartThreadInput, {
      description: 'The thread, its opening post and an idempotency key.',
    })
    input: StartThreadInput,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    return startThread(context, input);
  }

  @Authorized('contributor', 'editor', 'moderator')
  @Mutation(() => Post, {
    description:
      "Replies in an OPEN thread (FORBIDDEN when it is locked or archived), for the caller's organisation (contributors, editors, moderators and hub admins). Subject to the posting rate limit (RATE_LIMITED with `retryAfterSeconds`).",
  })
  reply(
    @Arg('input', () => ReplyInput, { description: 'The reply and an idempotency key.' }) input: ReplyInput,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    return reply(context, input);
  }

  @Authorized()
  @Mutation(() => Post, {
    description:
      'Changes the text of a post from the `version` you last read (CONFLICT with `currentVersion` when stale). Only its author may, acting for the organisation they wrote it for (nobody else, not even hub admins: moderators hide posts instead), while the thread is OPEN and the post not hidden.',
  })
  editPost(
    @Arg('input', () => EditPostInput, {
      description: 'The post, the version you last read and the new text.',
    })
    input: EditPostInput,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    return editPost(context, input);
  }
}

import {
  busSubscription,
  checkedSubscriptionScope,
  invalidInput,
  isRegionOrDescendant,
  UUID_PATTERN,
} from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ThreadChange } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { ThreadActivity } from '../entities/thread-activity.type';
import { Thread } from '../entities/thread.entity';
import type { ForumContext } from '../loaders';
import { canReadText } from '../queries/visibility.query';
import { THREAD_CHANGED, type ThreadChangedPayload } from '../writes/thread-changed.write';

const NEW_POSTS = new Set([ThreadChange.STARTED, ThreadChange.REPLIED]);

/** Live updates of the forum, from the bus (`forum.threadChanged`). */
@Resolver()
export class ForumSubscriptionResolver {
  @Subscription(() => Post, {
    description:
      'Posts as they are added to a thread (its opening post, then replies), after they committed. A post hidden before it is delivered reaches only those who moderate the thread.',
    subscribe: ({ args, context }) => {
      const threadId = (args as { thread: string }).thread.trim().toLowerCase();
      if (!UUID_PATTERN.test(threadId)) throw invalidInput('thread', 'must be a thread id (a UUID)');
      const ctx = context as ForumContext;
      return busSubscription<ThreadChangedPayload>(ctx, THREAD_CHANGED, async (payload) => {
        if (payload.threadId !== threadId || !payload.postId || !NEW_POSTS.has(payload.change)) return false;
        const post = await ctx.em.findOne(Post, { id: payload.postId });
        return post !== null && (await canReadText(ctx, post));
      });
    },
  })
  async postAdded(
    @Root() payload: ThreadChangedPayload,
    @Arg('thread', () => ID, { description: 'Id of the thread to watch.' }) _thread: string,
    @Ctx() { em }: ForumContext,
  ): Promise<Post> {
    return em.findOneOrFail(Post, { id: payload.postId! });
  }

  @Subscription(() => ThreadActivity, {
    description:
      'Activity in threads about a region (or any region within it) and/or of an organisation: new threads, replies, edits and moderation, after they committed.',
    subscribe: ({ args, context }) => {
      const { region, organisation } = checkedSubscriptionScope(
        args as { region?: string; organisation?: string },
      );
      return busSubscription<ThreadChangedPayload>(
        context as ForumContext,
        THREAD_CHANGED,
        (payload) =>
          (!organisation || payload.organisationId === organisation) &&
          (!region || payload.regions.some((code) => isRegionOrDescendant(code, region))),
      );
    },
  })
  async threadActivity(
    @Root() payload: ThreadChangedPayload,
    @Arg('region', () => ID, {
      nullable: true,
      description: 'NUTS code: threads about this region or any region within it.',
    })
    _region: string | null,
    @Arg('organisation', () => ID, { nullable: true, description: 'Only threads of this organisation.' })
    _organisation: string | null,
    @Ctx() { em }: ForumContext,
  ): Promise<ThreadActivity> {
    const [thread, post] = await Promise.all([
      em.findOneOrFail(Thread, { id: payload.threadId }),
      payload.postId ? em.findOne(Post, { id: payload.postId }) : null,
    ]);
    return Object.assign(new ThreadActivity(), { change: payload.change, thread, post });
  }
}

import { busSubscription, checkedSubscriptionScope } from '@hub/kit';
import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Post } from '../entities/post.entity';
import { Thread } from '../entities/thread.entity';
import { ThreadChange, THREAD_CHANGED, type ThreadChangedPayload } from './thread-events';
import type { ForumContext } from './types';
import { canReadText } from './visibility';
import { requireUuid } from './write-checks';

@ObjectType('ThreadActivity', { description: 'Something happened in a thread (pushed after it committed).' })
export class ThreadActivity {
  @Field(() => ThreadChange, { description: 'What happened.' })
  change!: ThreadChange;

  @Field(() => Thread, { description: 'The thread, as it is now.' })
  thread!: Thread;

  @Field(() => Post, {
    nullable: true,
    description:
      'The post added, edited, hidden or shown (its text is null when hidden, except for those who moderate the thread); null for changes of the thread itself.',
  })
  post!: Post | null;
}

const NEW_POSTS = new Set([ThreadChange.STARTED, ThreadChange.REPLIED]);

/** Live updates of the forum, from the bus (`forum.threadChanged`). */
@Resolver()
export class ForumSubscriptionResolver {
  @Subscription(() => Post, {
    description:
      'Posts as they are added to a thread (its opening post, then replies), after they committed. A post hidden before it is delivered reaches only those who moderate the thread.',
    subscribe: ({ args, context }) => {
      const threadId = requireUuid((args as { thread: string }).thread, 'thread', 'a thread id');
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
          (!region || payload.regions.some((code) => code.startsWith(region))),
      );
    },
  })
  async threadActivity(
    @Root() payload: ThreadChangedPayload,
    @Arg('region', () => String, {
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

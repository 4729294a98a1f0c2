import { PageArgs, ListSize } from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { MAX_THREAD_REGIONS } from '../inputs/limits.input';
import { Author } from '../entities/author.type';
import { PostConnection } from '../entities/post-connection.type';
import { Post } from '../entities/post.entity';
import {
  Event,
  eventReference,
  Organisation,
  organisationReference,
  Region,
  regionReference,
} from '../entities/references.type';
import { ThreadConnection } from '../entities/thread-connection.type';
import { Thread } from '../entities/thread.entity';
import { ThreadListArgs } from '../inputs/thread-list.input';
import type { ForumContext } from '../loaders';
import { postsConnection } from '../queries/posts.query';
import { threadsConnection } from '../queries/thread-page.query';

@Resolver(() => Thread)
export class ThreadResolver {
  @Query(() => Thread, { nullable: true, description: 'One thread by id; null when none has it.' })
  thread(
    @Arg('id', () => ID, { description: 'Thread id (a UUID).' }) id: string,
    @Ctx() { loaders }: ForumContext,
  ): Promise<Thread | null> {
    return loaders.threadById.load(id);
  }

  @Query(() => ThreadConnection, {
    description:
      'Threads, filtered (by default open and locked ones), most recent activity first unless another order is asked for, paged.',
  })
  threads(
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadConnection> {
    return threadsConnection(args, context, info);
  }

  @FieldResolver(() => Author, { description: 'Who started the thread.' })
  author(@Root() thread: Thread): Author {
    return Object.assign(new Author(), {
      displayName: thread.authorName,
      organisation: organisationReference(thread.organisationId),
    });
  }

  @FieldResolver(() => Organisation, {
    description: 'The organisation the thread was started for; its moderators moderate the thread.',
  })
  organisation(@Root() thread: Thread): Organisation {
    return organisationReference(thread.organisationId);
  }

  @ListSize(MAX_THREAD_REGIONS)
  @FieldResolver(() => [Region], {
    description: 'The regions the thread is about, ordered by code (may be empty).',
  })
  async regions(@Root() thread: Thread, @Ctx() { loaders }: ForumContext): Promise<Region[]> {
    return (await loaders.regionCodesByThreadId.load(thread.id)).map(regionReference);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: 'The event this thread is the discussion of; null for other threads.',
  })
  event(@Root() thread: Thread): Event | null {
    return thread.eventId ? eventReference(thread.eventId) : null;
  }

  @FieldResolver(() => Post, { description: 'The first post of the thread, written with it.' })
  async openingPost(@Root() thread: Thread, @Ctx() { loaders }: ForumContext): Promise<Post> {
    return (await loaders.postById.load(thread.openingPostId)) as Post;
  }

  @FieldResolver(() => PostConnection, {
    description:
      'The posts of the thread in the order they were written (opening post first), hidden ones included with their text withheld, paged.',
  })
  posts(
    @Root() thread: Thread,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PostConnection> {
    return postsConnection(thread.id, args, context, info);
  }
}

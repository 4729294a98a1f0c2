import {
  badUserInput,
  createConnectionType,
  decodeCursor,
  PageArgs,
  toConnection,
  toPage,
  UUID_PATTERN,
  validateFirst,
} from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Author } from '../entities/author';
import { ThreadOrder } from '../entities/enums';
import { Post } from '../entities/post.entity';
import {
  eventReference,
  EventReference,
  organisationReference,
  OrganisationReference,
  regionReference,
  RegionReference,
} from '../entities/references';
import { Thread } from '../entities/thread.entity';
import { threadCount, threadPage } from '../loaders/thread-queries';
import { ThreadListArgs } from './inputs/thread.inputs';
import {
  decodeThreadCursor,
  normaliseFilter,
  selectsOnlyTotalCount,
  threadConnection,
  ThreadConnection,
} from './thread-list';
import type { ForumContext } from './types';

export const PostConnection = createConnectionType(Post, 'Post', 'posts');
export type PostConnection = InstanceType<typeof PostConnection>;

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
  async threads(
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() { em }: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadConnection> {
    const first = validateFirst(args.first);
    const order = args.order ?? ThreadOrder.LAST_ACTIVITY_DESC;
    const filter = normaliseFilter(args.filter);
    const after = decodeThreadCursor(args.after, order);
    const rows =
      first === 0 || selectsOnlyTotalCount(info) ? [] : await threadPage(em, { filter, order, first, after });
    return threadConnection(rows, first, after !== null, order, () => threadCount(em, filter));
  }

  @FieldResolver(() => Author, { description: 'Who started the thread.' })
  author(@Root() thread: Thread): Author {
    return Object.assign(new Author(), {
      displayName: thread.authorName,
      organisation: organisationReference(thread.organisationId),
    });
  }

  @FieldResolver(() => OrganisationReference, {
    description: 'The organisation the thread was started for; its moderators moderate the thread.',
  })
  organisation(@Root() thread: Thread): OrganisationReference {
    return organisationReference(thread.organisationId);
  }

  @FieldResolver(() => [RegionReference], {
    description: 'The regions the thread is about, ordered by code (may be empty).',
  })
  async regions(@Root() thread: Thread, @Ctx() { loaders }: ForumContext): Promise<RegionReference[]> {
    return (await loaders.regionCodesByThreadId.load(thread.id)).map(regionReference);
  }

  @FieldResolver(() => EventReference, {
    nullable: true,
    description: 'The event this thread is the discussion of; null for other threads.',
  })
  event(@Root() thread: Thread): EventReference | null {
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
  async posts(
    @Root() thread: Thread,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders }: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PostConnection> {
    const first = validateFirst(args.first);
    let after: [string, string] | null = null;
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2).map(String);
      if (Number.isNaN(Date.parse(at!)) || !UUID_PATTERN.test(id!)) {
        throw badUserInput('Argument "after" is not a cursor returned by this list.', 'after');
      }
      after = [at!, id!];
    }
    const rows =
      first === 0 || selectsOnlyTotalCount(info)
        ? []
        : await loaders.posts.load({ id: thread.id, first, after });
    return toConnection(
      PostConnection,
      toPage(rows, first, after !== null, (post) => [new Date(post.createdAt).toISOString(), post.id]),
      () => loaders.postTotal.load(thread.id),
    );
  }
}

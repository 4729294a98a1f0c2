import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/references.type';
import { ThreadConnection } from '../entities/thread-connection.type';
import { ThreadListArgs } from '../inputs/thread-list.input';
import type { ForumContext } from '../loaders';
import { scopedThreadsConnection } from '../queries/thread-page.query';

/** What the forum adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => Region)
export class RegionThreadsResolver {
  @FieldResolver(() => ThreadConnection, {
    description:
      'Threads about this region or any region within it (NUTS descendants), filtered (by default open and locked ones), most recent activity first, paged.',
  })
  threads(
    @Root() region: Region,
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): ThreadConnection | Promise<ThreadConnection> {
    return scopedThreadsConnection('region', region.code, args, context, info);
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RegionReference } from '../entities/references';
import { ThreadListArgs } from './inputs/thread.inputs';
import { scopedThreadConnection } from './scoped-threads';
import { ThreadConnection } from './thread-list';
import type { ForumContext } from './types';

/** What the forum adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => RegionReference)
export class RegionThreadsResolver {
  @FieldResolver(() => ThreadConnection, {
    description:
      'Threads about this region or any region within it (NUTS descendants), filtered (by default open and locked ones), most recent activity first, paged.',
  })
  threads(
    @Root() region: RegionReference,
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadConnection> {
    return scopedThreadConnection('region', region.code, args, context, info);
  }
}

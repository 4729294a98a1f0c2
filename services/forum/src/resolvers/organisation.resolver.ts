import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Organisation } from '../entities/references.type';
import { ThreadConnection } from '../entities/thread-connection.type';
import { ThreadListArgs } from '../inputs/thread-list.input';
import type { ForumContext } from '../loaders';
import { scopedThreadsConnection } from '../queries/thread-page.query';

/** What the forum adds to the regions subgraph's `Organisation`. Batched per request. */
@Resolver(() => Organisation)
export class OrganisationThreadsResolver {
  @FieldResolver(() => ThreadConnection, {
    description:
      'Threads started for this organisation, filtered (by default open and locked ones), most recent activity first, paged.',
  })
  threads(
    @Root() organisation: Organisation,
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): ThreadConnection | Promise<ThreadConnection> {
    return scopedThreadsConnection('organisation', organisation.id, args, context, info);
  }
}

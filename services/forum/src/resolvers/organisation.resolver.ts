import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { OrganisationReference } from '../entities/references';
import { ThreadListArgs } from './inputs/thread.inputs';
import { scopedThreadConnection } from './scoped-threads';
import { ThreadConnection } from './thread-list';
import type { ForumContext } from './types';

/** What the forum adds to the regions subgraph's `Organisation`. Batched per request. */
@Resolver(() => OrganisationReference)
export class OrganisationThreadsResolver {
  @FieldResolver(() => ThreadConnection, {
    description:
      'Threads started for this organisation, filtered (by default open and locked ones), most recent activity first, paged.',
  })
  threads(
    @Root() organisation: OrganisationReference,
    @Args(() => ThreadListArgs) args: ThreadListArgs,
    @Ctx() context: ForumContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ThreadConnection> {
    return scopedThreadConnection('organisation', organisation.id, args, context, info);
  }
}

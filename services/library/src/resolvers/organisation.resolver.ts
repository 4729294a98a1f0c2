import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation } from '../entities/references.type';
import { ResourceConnection } from '../entities/resource-connection.type';
import { ResourcePageArgs } from '../inputs/resource-filter.input';
import type { LibraryContext } from '../loaders';
import { linkedResourcePage } from '../queries/linked-resources.query';

/** What the library adds to the regions subgraph's `Organisation`. Batched per request. */
@Resolver(() => Organisation)
export class OrganisationResourcesResolver {
  @FieldResolver(() => ResourceConnection, {
    description:
      'Library resources this organisation publishes (published, and its drafts to its own members), newest first.',
  })
  resources(
    @Root() organisation: Organisation,
    @Args(() => ResourcePageArgs) args: ResourcePageArgs,
    @Ctx() context: LibraryContext,
  ): Promise<ResourceConnection> {
    return linkedResourcePage(context, 'organisation', organisation.id, args);
  }
}

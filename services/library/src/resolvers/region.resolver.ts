import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/references.type';
import { ResourceConnection } from '../entities/resource-connection.type';
import { ResourcePageArgs } from '../inputs/resource-filter.input';
import type { LibraryContext } from '../loaders';
import { linkedResourcePage } from '../queries/linked-resources.query';
import { viewerOf } from '../queries/visibility.query';

/** What the library adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => Region)
export class RegionResourcesResolver {
  @FieldResolver(() => ResourceConnection, {
    description:
      'Library resources about this region or a region inside it (published, and drafts you may see), newest first.',
  })
  resources(
    @Root() region: Region,
    @Args(() => ResourcePageArgs) args: ResourcePageArgs,
    @Ctx() context: LibraryContext,
  ): Promise<ResourceConnection> {
    return linkedResourcePage(context, 'region', region.code, args);
  }

  @FieldResolver(() => Int, {
    description:
      'How many library resources are about this region or a region inside it (as `resources.totalCount`).',
  })
  resourceCount(@Root() region: Region, @Ctx() context: LibraryContext): Promise<number> {
    return context.loaders.resourceCountByRegion.load({ id: region.code, ...viewerOf(context.caller) });
  }
}

import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/references.type';
import type { LibraryContext } from '../loaders';

/** What this subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => Region)
export class RegionResourcesResolver {
  @FieldResolver(() => Int, {
    description: 'How many resources are about this region (the library subgraph).',
  })
  resourceCount(@Root() region: Region, @Ctx() context: LibraryContext): Promise<number> {
    return context.loaders.resourceCountByRegion.load(region.code);
  }
}

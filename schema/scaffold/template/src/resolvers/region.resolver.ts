import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/references.type';
import type { __Name__Context } from '../loaders';

/** What this subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => Region)
export class Region__Entities__Resolver {
  @FieldResolver(() => Int, {
    description: 'How many __entities_words__ are about this region (the __name__ subgraph).',
  })
  __entity__Count(@Root() region: Region, @Ctx() context: __Name__Context): Promise<number> {
    return context.loaders.__entity__CountByRegion.load(region.code);
  }
}

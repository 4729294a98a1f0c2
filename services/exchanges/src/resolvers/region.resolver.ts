import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/references.type';
import type { ExchangesContext } from '../loaders';

/** What this subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => Region)
export class RegionProgrammesResolver {
  @FieldResolver(() => Int, {
    description: 'How many programmes are about this region (the exchanges subgraph).',
  })
  programmeCount(@Root() region: Region, @Ctx() context: ExchangesContext): Promise<number> {
    return context.loaders.programmeCountByRegion.load(region.code);
  }
}

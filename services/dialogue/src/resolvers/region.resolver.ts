import { ListSize, PolicyArea } from '@hub/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConsultationConnection } from '../entities/connections.type';
import { RegionNeed } from '../entities/needs.type';
import { Region } from '../entities/references.type';
import { ScopedConsultationListArgs } from '../inputs/consultation-list.input';
import type { DialogueContext } from '../loaders';
import { scopedConsultationPage } from '../queries/consultation-lists.query';
import { regionNeeds } from '../queries/needs.query';

/** What the dialogue subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => Region)
export class RegionDialogueResolver {
  @FieldResolver(() => ConsultationConnection, {
    description: 'Consultations concerning this region or a region within it (those you may see), paged.',
  })
  consultations(
    @Root() region: Region,
    @Args(() => ScopedConsultationListArgs) args: ScopedConsultationListArgs,
    @Ctx() context: DialogueContext,
  ) {
    return scopedConsultationPage(context, 'region', region.code, args);
  }

  // one per policy area
  @ListSize(Object.keys(PolicyArea).length)
  @FieldResolver(() => [RegionNeed], {
    description:
      'The latest published severity of need per policy area for this region (country, NUTS 1 or NUTS 2), from needs assessments answered for it or for regions within it; suppressed below 3 responses. Empty when none was published.',
  })
  needs(@Root() region: Region, @Ctx() context: DialogueContext): Promise<RegionNeed[]> {
    return regionNeeds(region.code, context);
  }
}

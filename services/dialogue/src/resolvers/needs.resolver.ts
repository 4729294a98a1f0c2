import { PolicyArea, ListSize } from '@hub/kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Consultation } from '../entities/consultation.entity';
import { BreakdownLevel } from '../entities/enums';
import { NeedsMap, NeedsMapCell, RegionNeed } from '../entities/needs.type';
import { Region, regionReference } from '../entities/references.type';
import type { DialogueContext } from '../loaders';
import { needsMap } from '../queries/needs.query';

/** The territorial needs map: public, from published needs assessments only. */
@Resolver(() => NeedsMap)
export class NeedsMapResolver {
  @Query(() => NeedsMap, {
    description:
      'Severity of need in one policy area for every region of one level that has published needs-assessment answers (suppressed cells marked), ready for a choropleth, and the regions in scope without data.',
  })
  needsMap(
    @Arg('policyArea', () => PolicyArea, { description: 'The policy area to map.' }) policyArea: PolicyArea,
    @Arg('level', () => BreakdownLevel, { description: 'Country, NUTS 1 or NUTS 2.' }) level: BreakdownLevel,
    @Ctx() context: DialogueContext,
  ): Promise<NeedsMap> {
    return needsMap(policyArea, level, context);
  }

  // the regions of one BreakdownLevel: 333 NUTS 2 regions in NUTS 2024, the largest level
  @ListSize(340)
  @FieldResolver(() => [Region], {
    description:
      'Regions of this level that the mapped needs assessments name in their scope (`Consultation.regions`) but for which no answer was published: show them as "no data".',
  })
  regionsWithoutData(@Root() map: NeedsMap): Region[] {
    return map.regionsWithoutDataCodes.map(regionReference);
  }
}

@Resolver(() => NeedsMapCell)
export class NeedsMapCellResolver {
  @FieldResolver(() => Consultation, { description: 'The needs assessment the value comes from.' })
  async consultation(@Root() cell: NeedsMapCell, @Ctx() { loaders }: DialogueContext): Promise<Consultation> {
    return (await loaders.consultationById.load(cell.consultationId))!;
  }
}

@Resolver(() => RegionNeed)
export class RegionNeedResolver {
  @FieldResolver(() => Consultation, { description: 'The needs assessment the value comes from.' })
  async consultation(@Root() need: RegionNeed, @Ctx() { loaders }: DialogueContext): Promise<Consultation> {
    return (await loaders.consultationById.load(need.consultationId))!;
  }
}

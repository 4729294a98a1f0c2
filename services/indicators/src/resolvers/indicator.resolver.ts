import { ListSize } from '@hub/kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { IndicatorDomain } from '../entities/enums';
import { Indicator } from '../entities/indicator.entity';
import type { IndicatorsContext } from '../loaders';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => Indicator, { nullable: true, description: 'One indicator by code; null when none has it.' })
  indicator(
    @Arg('code', () => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' }) code: string,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Indicator | null> {
    return loaders.indicatorByCode.load(code);
  }

  // assumed: the indicators defined (11 from Eurostat's file today)
  @ListSize(50)
  @Query(() => [Indicator], { description: 'All indicators ordered by code, optionally of one domain.' })
  indicators(
    @Arg('domain', () => IndicatorDomain, { nullable: true, description: 'Only indicators of this domain.' })
    domain: IndicatorDomain | null | undefined,
    @Ctx() { em }: IndicatorsContext,
  ): Promise<Indicator[]> {
    return em.find(Indicator, domain ? { domain } : {}, { orderBy: { code: 'asc' } });
  }
}

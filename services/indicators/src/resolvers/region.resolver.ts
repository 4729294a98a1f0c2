import { badUserInput } from '@hub/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { Breakdown } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { RegionReference } from '../entities/references';
import { breakdownOrDefault, requireIndicator, validatePeriod } from './lookup';
import type { IndicatorsContext } from './types';

/** What the indicators subgraph adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => RegionReference)
export class RegionIndicatorsResolver {
  @FieldResolver(() => [Observation], {
    description:
      'Indicator values of this region, ordered by indicator, year and breakdown (empty when there are none).',
  })
  async indicatorValues(
    @Root() region: RegionReference,
    @Arg('indicators', () => [ID], {
      nullable: true,
      description: 'Only these indicators (codes); default: all.',
    })
    indicators: string[] | null | undefined,
    @Arg('period', () => Int, { nullable: true, description: 'Only this year; default: every year.' })
    period: number | null | undefined,
    @Arg('breakdown', () => Breakdown, { nullable: true, description: 'Only this population group.' })
    breakdown: Breakdown | null | undefined,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Observation[]> {
    validatePeriod(period, 'period');
    if (indicators) {
      const found = await loaders.indicatorByCode.loadMany(indicators);
      const unknown = indicators.filter((_, index) => !found[index] || found[index] instanceof Error);
      if (unknown.length) {
        throw badUserInput(`No indicator has code ${unknown.map((c) => `"${c}"`).join(', ')}.`, 'indicators');
      }
    }
    return loaders.indicatorValues.load({
      id: region.code,
      indicators: indicators ? [...new Set(indicators)].sort() : null,
      period: period ?? null,
      breakdown: breakdown ?? null,
    });
  }

  @FieldResolver(() => Observation, {
    nullable: true,
    description:
      'The most recent observation of an indicator for this region that has a value (suppressed ones are skipped); null when there is none.',
  })
  async latest(
    @Root() region: RegionReference,
    @Arg('indicator', () => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' })
    indicatorCode: string,
    @Arg('breakdown', () => Breakdown, {
      nullable: true,
      description: "Population group; default: the indicator's first breakdown.",
    })
    breakdown: Breakdown | null | undefined,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Observation | null> {
    const indicator = await requireIndicator(loaders, indicatorCode);
    return loaders.latest.load({
      id: region.code,
      indicator: indicator.code,
      breakdown: breakdownOrDefault(indicator, breakdown),
    });
  }
}

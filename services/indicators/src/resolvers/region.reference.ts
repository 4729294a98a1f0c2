import { invalidInputs, LeanResolver, ListSize, oncePerField } from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import { Breakdown } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { Region } from '../entities/references.type';
import { IndicatorValuesArgs } from '../inputs/observations.input';
import type { IndicatorsContext } from '../loaders';
import { breakdownOrDefault, requireIndicator } from '../queries/indicator.query';

/** What the indicators subgraph adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => Region)
export class RegionIndicatorsResolver {
  // assumed: indicators x years x breakdowns of one region
  @ListSize(300)
  @FieldResolver(() => [Observation], {
    description:
      'Indicator values of this region, ordered by indicator, year and breakdown (empty when there are none).',
  })
  async indicatorValues(
    @Root() region: Region,
    @Args(() => IndicatorValuesArgs) args: IndicatorValuesArgs,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Observation[]> {
    const { indicators } = args;
    if (indicators) {
      const found = await loaders.indicatorByCode.loadMany(indicators);
      const unknown = indicators
        .map((code, index) => ({ code, index }))
        .filter(({ index }) => !found[index] || found[index] instanceof Error);
      if (unknown.length) {
        throw invalidInputs(
          unknown.map(({ code, index }) => ({
            path: `indicators[${index}]`,
            messages: [`unknown indicator "${code}"`],
          })),
        );
      }
    }
    return loaders.indicatorValues.load({
      id: region.code,
      indicators: indicators ? [...new Set(indicators)].sort() : null,
      period: args.period ?? null,
      breakdown: args.breakdown ?? null,
    });
  }

  // asked of every region of a dashboard, several times: called without type-graphql's per-call wrapper
  @LeanResolver()
  @FieldResolver(() => Observation, {
    nullable: true,
    description:
      'The most recent observation of an indicator for this region that has a value (suppressed ones are skipped); null when there is none.',
  })
  latest(
    @Root() region: Region,
    @Arg('indicator', () => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' })
    indicatorCode: string,
    @Arg('breakdown', () => Breakdown, {
      nullable: true,
      description: "Population group; default: the indicator's first breakdown.",
    })
    breakdown: Breakdown | null | undefined,
    @Ctx() { loaders }: IndicatorsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Observation | null> {
    // the indicator and breakdown are the same for every region the field is asked of (a dashboard: 244):
    // looked up once per field of the request (and per loaders, which subscriptions renew per event)
    const series = oncePerField(
      info,
      () =>
        requireIndicator(loaders, indicatorCode).then((indicator) => ({
          indicator: indicator.code,
          breakdown: breakdownOrDefault(indicator, breakdown),
        })),
      loaders,
    );
    return series.then((key) => loaders.latest.load({ id: region.code, ...key }));
  }
}

import { decodeCursor, invalidInput, toConnection, toPage, validateFirst, ListSize } from '@hub/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Indicator } from '../entities/indicator.entity';
import { ObservationContext, ValueRange } from '../entities/labels.type';
import { ObservationConnection } from '../entities/observation-connection.type';
import { ObservationHistory } from '../entities/observation-history.entity';
import { Observation } from '../entities/observation.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { ObservationsArgs, SeriesArgs } from '../inputs/observations.input';
import type { IndicatorsContext } from '../loaders';
import { breakdownOrDefault, requireIndicator } from '../queries/indicator.query';
import {
  countObservations,
  listObservations,
  observationsWhere,
  type ObservationSortKey,
  seriesOf,
} from '../queries/observations.query';

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationConnection, {
    description:
      'Observations of one indicator ordered by region, year and breakdown, filtered and paged. Values of suppressed observations are null.',
  })
  async observations(
    @Args(() => ObservationsArgs) args: ObservationsArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<ObservationConnection> {
    const first = validateFirst(args.first);
    const after = args.after ? (decodeCursor(args.after, 3) as ObservationSortKey) : null;
    const indicator = await requireIndicator(loaders, args.indicator);
    const where = observationsWhere(indicator.code, args);
    const rows = first === 0 ? [] : await listObservations(em, where, after, first + 1);
    return toConnection(
      ObservationConnection,
      toPage(rows, first, after !== null, (row) => [row.regionCode, row.period, row.breakdown]),
      () => countObservations(em, where),
    );
  }

  // assumed: the years of one series (Eurostat's series start in the 2000s)
  @ListSize(60)
  @Query(() => [Observation], {
    description:
      "A time series: one indicator's observations for one region and breakdown, ordered by year (empty when none).",
  })
  async series(
    @Args(() => SeriesArgs) args: SeriesArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<Observation[]> {
    if (args.from !== null && args.from !== undefined && args.to !== null && args.to !== undefined) {
      if (args.from > args.to) throw invalidInput('from', `must not be after to (${args.from} > ${args.to})`);
    }
    const indicator = await requireIndicator(loaders, args.indicator);
    return seriesOf(em, {
      indicator: indicator.code,
      region: args.region,
      breakdown: breakdownOrDefault(indicator, args.breakdown),
      from: args.from,
      to: args.to,
    });
  }

  @FieldResolver(() => Indicator, { description: 'The indicator observed.' })
  async indicator(
    @Root() observation: Observation,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Indicator> {
    return (await loaders.indicatorByCode.load(observation.indicatorCode)) as Indicator;
  }

  @FieldResolver(() => Region, { description: 'The region observed (NUTS 2024).' })
  region(@Root() observation: Observation): Region {
    return regionReference(observation.regionCode);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The partner organisation that recorded the current value; null for the Eurostat import.',
  })
  contributedBy(@Root() observation: Observation): Organisation | null {
    return observation.contributedBy ? organisationReference(observation.contributedBy) : null;
  }

  @FieldResolver(() => ObservationContext, {
    nullable: true,
    description:
      'Where this value stands among the NUTS 2 regions of its country and of the EU-27 (same indicator, breakdown and year): its rank in the country, and the median and range of both sets. Null when the value is null or the region is not a NUTS 2 region.',
  })
  async context(
    @Root() observation: Observation,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<ObservationContext | null> {
    if (observation.value === null || observation.regionCode.length !== 4) return null;
    const country = observation.regionCode.slice(0, 2);
    const [found, indicator] = await Promise.all([
      loaders.observationContext.load({
        indicator: observation.indicatorCode,
        breakdown: observation.breakdown,
        period: observation.period,
        country,
      }),
      loaders.indicatorByCode.load(observation.indicatorCode),
    ]);
    const rank = found.ranks.get(observation.regionCode);
    // the ranking's default order: lowest first only when lower is better
    const ascending = indicator?.higherIsBetter === false;
    return Object.assign(new ObservationContext(), {
      countryRank: rank ? (ascending ? rank.asc : rank.desc) : null,
      countryRegionCount: found.country.regionCount,
      country: Object.assign(new ValueRange(), { area: country, ...found.country }),
      eu: Object.assign(new ValueRange(), { area: null, ...found.eu }),
    });
  }

  // assumed: corrections of one value
  @ListSize(20)
  @FieldResolver(() => [ObservationHistory], {
    description: 'Values this observation had before corrections, newest first (empty when never corrected).',
  })
  history(
    @Root() observation: Observation,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<ObservationHistory[]> {
    return loaders.historyByObservationId.load(observation.id);
  }
}

import {
  badUserInput,
  createConnectionType,
  decodeCursor,
  PageArgs,
  toConnection,
  toPage,
  validateFirst,
  validateIntRange,
} from '@hub/kit';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Breakdown } from '../entities/enums';
import { Indicator } from '../entities/indicator.entity';
import { ObservationHistory } from '../entities/observation-history.entity';
import { Observation } from '../entities/observation.entity';
import {
  OrganisationReference,
  organisationReference,
  RegionReference,
  regionReference,
} from '../entities/references';
import { breakdownOrDefault, requireIndicator, validatePeriod } from './lookup';
import type { IndicatorsContext } from './types';

export const ObservationConnection = createConnectionType(Observation, 'Observation', 'observations');
export type ObservationConnection = InstanceType<typeof ObservationConnection>;

@ArgsType()
export class ObservationsArgs extends PageArgs {
  @Field(() => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' })
  indicator!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these regions (NUTS codes); unknown codes simply match nothing.',
  })
  regions?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only regions of this NUTS level, 0-3 (taken from the code: its length minus 2).',
  })
  level?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only regions of this country: the first two letters of the code (Eurostat\'s, e.g. "EL").',
  })
  country?: string | null;

  @Field(() => [Int], { nullable: true, description: 'Only these years.' })
  periods?: number[] | null;

  @Field(() => Breakdown, { nullable: true, description: 'Only this population group.' })
  breakdown?: Breakdown | null;
}

@ArgsType()
export class SeriesArgs {
  @Field(() => ID, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => ID, { description: 'Region code (NUTS 2024).' })
  region!: string;

  @Field(() => Breakdown, {
    nullable: true,
    description: "Population group; default: the indicator's first breakdown.",
  })
  breakdown?: Breakdown | null;

  @Field(() => Int, { nullable: true, description: 'First year (inclusive).' })
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year (inclusive); not before `from`.' })
  to?: number | null;
}

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
    if (args.level !== null && args.level !== undefined) validateIntRange(args.level, 0, 3, 'level');
    for (const period of args.periods ?? []) validatePeriod(period, 'periods');
    const indicator = await requireIndicator(loaders, args.indicator);
    const filtered = () => {
      const qb = em.createQueryBuilder(Observation, 'o').where({ indicatorCode: indicator.code });
      if (args.regions)
        qb.andWhere({ regionCode: { $in: args.regions.map((code) => code.trim().toUpperCase()) } });
      if (args.level !== null && args.level !== undefined) {
        qb.andWhere('length(o.region_code) = ?', [args.level + 2]);
      }
      if (args.country) qb.andWhere('left(o.region_code, 2) = ?', [args.country.trim().toUpperCase()]);
      if (args.periods) qb.andWhere({ period: { $in: args.periods } });
      if (args.breakdown) qb.andWhere({ breakdown: args.breakdown });
      return qb;
    };
    let rows: Observation[] = [];
    if (first > 0) {
      const qb = filtered();
      if (args.after) {
        const [region, period, breakdown] = decodeCursor(args.after, 3);
        qb.andWhere('(o.region_code, o.period, o.breakdown) > (?, ?, ?)', [region, period, breakdown]);
      }
      rows = await qb
        .orderBy({ regionCode: 'asc', period: 'asc', breakdown: 'asc' })
        .limit(first + 1)
        .getResultList();
    }
    return toConnection(
      ObservationConnection,
      toPage(rows, first, Boolean(args.after), (row) => [row.regionCode, row.period, row.breakdown]),
      () => filtered().getCount(),
    );
  }

  @Query(() => [Observation], {
    description:
      "A time series: one indicator's observations for one region and breakdown, ordered by year (empty when none).",
  })
  async series(
    @Args(() => SeriesArgs) args: SeriesArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<Observation[]> {
    validatePeriod(args.from, 'from');
    validatePeriod(args.to, 'to');
    if (args.from !== null && args.from !== undefined && args.to !== null && args.to !== undefined) {
      if (args.from > args.to) {
        throw badUserInput(`Argument "from" (${args.from}) must not be after "to" (${args.to}).`, 'from');
      }
    }
    const indicator = await requireIndicator(loaders, args.indicator);
    const period = {
      ...(args.from !== null && args.from !== undefined ? { $gte: args.from } : {}),
      ...(args.to !== null && args.to !== undefined ? { $lte: args.to } : {}),
    };
    return em.find(
      Observation,
      {
        indicatorCode: indicator.code,
        regionCode: args.region.trim().toUpperCase(),
        breakdown: breakdownOrDefault(indicator, args.breakdown),
        ...(Object.keys(period).length ? { period } : {}),
      },
      { orderBy: { period: 'asc' } },
    );
  }

  @FieldResolver(() => Indicator, { description: 'The indicator observed.' })
  async indicator(
    @Root() observation: Observation,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<Indicator> {
    return (await loaders.indicatorByCode.load(observation.indicatorCode)) as Indicator;
  }

  @FieldResolver(() => RegionReference, { description: 'The region observed (NUTS 2024).' })
  region(@Root() observation: Observation): RegionReference {
    return regionReference(observation.regionCode);
  }

  @FieldResolver(() => OrganisationReference, {
    nullable: true,
    description: 'The partner organisation that recorded the current value; null for the Eurostat import.',
  })
  contributedBy(@Root() observation: Observation): OrganisationReference | null {
    return observation.contributedBy ? organisationReference(observation.contributedBy) : null;
  }

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

import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Breakdown, RankingOrder } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { RegionReference } from '../entities/references';

@ObjectType('RankingRow', { description: 'One region in a ranking of an indicator.' })
export class RankingRow {
  @Field(() => Int, {
    description:
      'Competition rank (1 = first): regions with equal values share a rank, the next rank skips (1, 1, 3).',
  })
  rank!: number;

  @Field(() => Observation, { description: 'The observation ranked.' })
  observation!: Observation;

  @Field(() => Float, {
    nullable: true,
    description:
      "The value of the region's country (level-0 code) for the same indicator, year and breakdown; null when the hub has no such observation (the Eurostat import holds NUTS 2 values only).",
  })
  countryValue!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The EU-27 value (code "EU27_2020") for the same indicator, year and breakdown; null when the hub has no such observation (the Eurostat import has none).',
  })
  euValue!: number | null;
}

@ArgsType()
export class RankingArgs {
  @Field(() => ID, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Year; default: the latest year with values for this indicator and breakdown.',
  })
  period?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only regions of this NUTS level, 0-3.' })
  level?: number | null;

  @Field(() => String, { nullable: true, description: 'Only regions of this country (two-letter code).' })
  country?: string | null;

  @Field(() => Breakdown, {
    nullable: true,
    description: "Population group; default: the indicator's first breakdown.",
  })
  breakdown?: Breakdown | null;

  @Field(() => RankingOrder, {
    nullable: true,
    description:
      'Sort direction; default: best first (DESC when higher is better, ASC when lower is better, DESC when the indicator says neither).',
  })
  order?: RankingOrder | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'Number of rows, 0-500 (default 50); ranks are computed over all matching regions.',
  })
  first?: number | null;
}

@ObjectType('Comparison', { description: 'The values of one region in a side-by-side comparison.' })
export class Comparison {
  @Field(() => RegionReference, { description: 'The region compared.' })
  region!: RegionReference;

  @Field(() => Int, {
    nullable: true,
    description: 'The year compared (null when no region asked for has values of the indicator).',
  })
  period!: number | null;

  @Field(() => [Observation], {
    description: 'Observations of the region in that year, by breakdown (only `breakdown` when given).',
  })
  observations!: Observation[];

  @Field(() => Float, {
    nullable: true,
    description:
      'With `gapBetween: [A, B]`: the value for A minus the value for B; null when either is missing or suppressed, or without `gapBetween`.',
  })
  gap!: number | null;
}

@ArgsType()
export class CompareArgs {
  @Field(() => ID, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => [ID], { description: 'Regions to compare (1-100 NUTS codes), in the order to show them.' })
  regions!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Year; default: the latest year with values of the indicator for any of the regions.',
  })
  period?: number | null;

  @Field(() => Breakdown, { nullable: true, description: 'Only this population group; default: all.' })
  breakdown?: Breakdown | null;

  @Field(() => [Breakdown], {
    nullable: true,
    description:
      'Two breakdowns of the indicator: `gap` = value of the first minus value of the second (e.g. [NATIVE_BORN, FOREIGN_BORN]).',
  })
  gapBetween?: Breakdown[] | null;
}

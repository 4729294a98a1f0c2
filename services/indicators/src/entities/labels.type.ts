import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Breakdown } from './enums';

@ObjectType('BreakdownLabel', {
  description: 'A population group of an indicator and its label in one language.',
})
export class BreakdownLabel {
  @Field(() => Breakdown, { description: 'The population group.' })
  breakdown!: Breakdown;

  @Field(() => String, { description: 'Its label, e.g. "Born in a foreign country".' })
  label!: string;
}

/**
 * The spread of the values of a set of NUTS 2 regions (one country's, or the EU-27's) for one indicator,
 * breakdown and year. Deliberately not an average: the hub has no national or EU rate, and the median of regions
 * is no such rate, so its label says what it is.
 */
@ObjectType('ValueRange', {
  description:
    "Median, lowest and highest value of a set of NUTS 2 regions (a country's, or the EU-27's) for the same indicator, breakdown and year: the spread of regional values, not a national or EU rate.",
})
export class ValueRange {
  /** The country (level-0 code) the regions are in; null: the EU-27. */
  area!: string | null;

  @Field(() => Int, { description: 'How many NUTS 2 regions with a value the figures are computed from.' })
  regionCount!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median of their values (interpolated between the two middle values of an even count); null when none.',
  })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest of their values; null when none.' })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest of their values; null when none.' })
  max!: number | null;
}

@ObjectType('ObservationContext', {
  description:
    "Where a NUTS 2 region's value stands: its rank among the regions of its country, and the spread of the values of its country's and of the EU-27's NUTS 2 regions (same indicator, breakdown and year).",
})
export class ObservationContext {
  @Field(() => Int, {
    nullable: true,
    description:
      'Rank of this value among the NUTS 2 regions of the same country with a value for the same indicator, breakdown and year (1 = best, in the order `ranking` uses by default: lowest first when lower is better, else highest first); equal values share a rank. Null only if the value could not be ranked.',
  })
  countryRank!: number | null;

  @Field(() => Int, { description: 'How many NUTS 2 regions `countryRank` ranks this value among.' })
  countryRegionCount!: number;

  @Field(() => ValueRange, { description: 'The NUTS 2 regions of the same country.' })
  country!: ValueRange;

  @Field(() => ValueRange, { description: 'The NUTS 2 regions of the 27 EU member states.' })
  eu!: ValueRange;
}

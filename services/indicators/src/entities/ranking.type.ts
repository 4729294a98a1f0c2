import { createConnectionType } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Observation } from './observation.entity';

@ObjectType('RankingRow', { description: 'One region in a ranking of an indicator.' })
export class RankingRow {
  @Field(() => Int, {
    description:
      'Competition rank (1 = first) over all matching regions, not only this page: regions with equal values share a rank, the next rank skips (1, 1, 3).',
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

export const RankingRowConnection = createConnectionType(RankingRow, 'RankingRow', 'ranked regions');
export type RankingRowConnection = InstanceType<typeof RankingRowConnection>;

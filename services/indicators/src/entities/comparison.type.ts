import { ListSize } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Breakdown } from './enums';
import { Observation } from './observation.entity';
import { Region } from './references.type';

@ObjectType('Comparison', { description: 'The values of one region in a side-by-side comparison.' })
export class Comparison {
  @Field(() => Region, { description: 'The region compared.' })
  region!: Region;

  @Field(() => Int, {
    nullable: true,
    description:
      'The year compared: `period` when given, else the one chosen (see `compare`); null when no region asked for has a value of the indicator.',
  })
  period!: number | null;

  // one per breakdown
  @ListSize(Object.keys(Breakdown).length)
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

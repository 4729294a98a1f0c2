import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { Breakdown, RankingOrder } from '../entities/enums';
import { MAX_YEAR, MIN_YEAR } from './observation.input';
import { RegionScopeArgs } from './observations.input';

/** Most regions one `compare` may show. */
export const MAX_COMPARED_REGIONS = 100;

@ArgsType()
export class RankingArgs extends RegionScopeArgs {
  @Field(() => ID, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Year (1900-2100); default: the latest year with values for at least half of the regions ranked (the regions in scope — indicator, breakdown, level, country — with a value in any year); when no year covers half, the year covering the most (the latest of those). The year used is the connection's `period`.",
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  period?: number | null;

  @Field(() => Breakdown, {
    nullable: true,
    description: "Population group; default: the indicator's first breakdown.",
  })
  breakdown?: Breakdown | null;

  @Field(() => RankingOrder, {
    nullable: true,
    description:
      'Order; default: best first (VALUE_DESC when higher is better or the indicator says neither, VALUE_ASC when lower is better). A cursor is valid only with the order it came from.',
  })
  orderBy?: RankingOrder | null;
}

@ArgsType()
export class CompareArgs {
  @Field(() => ID, { description: 'Indicator code.' })
  indicator!: string;

  @Field(() => [ID], {
    description: `Regions to compare (1-${MAX_COMPARED_REGIONS} NUTS codes), in the order to show them.`,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPARED_REGIONS)
  regions!: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Year (1900-2100); default: the latest year with values (of `breakdown`, or of the two `gapBetween` breakdowns, else of any) for at least half of the regions asked; when no year covers half, the year covering the most (the latest of those). The year used is each Comparison's `period`.",
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  period?: number | null;

  @Field(() => Breakdown, { nullable: true, description: 'Only this population group; default: all.' })
  breakdown?: Breakdown | null;

  @Field(() => [Breakdown], {
    nullable: true,
    description:
      'Two different breakdowns of the indicator: `gap` = value of the first minus value of the second (e.g. [NATIVE_BORN, FOREIGN_BORN]).',
  })
  @IsOptional()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ArrayUnique({ message: 'gapBetween must name two different breakdowns' })
  gapBetween?: Breakdown[] | null;
}

import { IsNutsCountryCode, IsNutsLevel, PageArgs } from '@hub/kit';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { Breakdown } from '../entities/enums';
import { MAX_YEAR, MIN_YEAR } from './observation.input';

/**
 * Paging plus the regions a list covers, by the region codes: `level` = code length − 2, `country` = the
 * level-0 region whose code starts them (`observations`, `ranking`).
 */
@ArgsType()
export class RegionScopeArgs extends PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Only regions of this NUTS level, 0-3 (taken from the code: its length minus 2).',
  })
  @IsOptional()
  @IsNutsLevel()
  level?: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only regions of this country, by the code of its level-0 region: the first two letters of the region codes (NUTS spelling, e.g. "EL" for Greece).',
  })
  @IsOptional()
  @IsNutsCountryCode()
  country?: string | null;
}

@ArgsType()
export class ObservationsArgs extends RegionScopeArgs {
  @Field(() => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' })
  indicator!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these regions (NUTS codes); unknown codes simply match nothing.',
  })
  regions?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only these years (1900-2100).' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(MIN_YEAR, { each: true })
  @Max(MAX_YEAR, { each: true })
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

  @Field(() => Int, { nullable: true, description: 'First year (inclusive), 1900-2100.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year (inclusive), 1900-2100; not before `from`.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  to?: number | null;
}

@ArgsType()
export class IndicatorValuesArgs {
  @Field(() => [ID], {
    nullable: true,
    description: 'Only these indicators (codes); default: all.',
  })
  indicators?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Only this year (1900-2100); default: every year.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  period?: number | null;

  @Field(() => Breakdown, { nullable: true, description: 'Only this population group.' })
  breakdown?: Breakdown | null;
}

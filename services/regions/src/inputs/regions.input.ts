import { IsNutsCountryCode, IsNutsLevel, PageArgs } from '@hub/kit';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

/** Longest `search` text accepted (characters). */
export const MAX_SEARCH_LENGTH = 200;

@ArgsType()
export class RegionsArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only regions of this NUTS level (0-3).' })
  @IsOptional()
  @IsNutsLevel()
  level?: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only regions of this country, by the code of its level-0 region (NUTS spelling: "FR", "EL" for Greece).',
  })
  @IsOptional()
  @IsNutsCountryCode()
  country?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only regions of the 27 EU member states; false: only the statistical regions of other countries.',
  })
  eu?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this region code.' })
  parent?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Words to find in the Latin or national name (or code); case-, accent- and punctuation-insensitive: "ile de france", "kriti", "Κρήτη", "skane". At most ${MAX_SEARCH_LENGTH} characters.`,
  })
  @IsOptional()
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Include Extra-Regio units (codes ending in Z).',
  })
  includeExtraRegio!: boolean;
}

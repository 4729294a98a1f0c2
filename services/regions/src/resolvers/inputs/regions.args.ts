import { PageArgs } from '@hub/kit';
import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class RegionsArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only regions of this NUTS level (0-3).' })
  level?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only regions of this country, by two-letter code (e.g. "FR", "EL").',
  })
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
    description:
      'Words to find in the Latin or national name (or code); case-, accent- and punctuation-insensitive: "ile de france", "kriti", "Κρήτη", "skane".',
  })
  search?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Include Extra-Regio units (codes ending in Z).',
  })
  includeExtraRegio!: boolean;
}

import { Field, Int, ObjectType } from 'type-graphql';
import { UrbanRuralType } from './enums';
import type { Region } from './region.entity';

const URBAN_RURAL_BY_CODE: Record<number, UrbanRuralType> = {
  1: UrbanRuralType.PREDOMINANTLY_URBAN,
  2: UrbanRuralType.INTERMEDIATE,
  3: UrbanRuralType.PREDOMINANTLY_RURAL,
};

@ObjectType('RegionTypology', {
  description:
    'Eurostat territorial typologies of a NUTS 3 region as delivered with the GISCO NUTS 2021 data; given only for regions unchanged between NUTS 2021 and 2024.',
})
export class RegionTypology {
  @Field(() => UrbanRuralType, { nullable: true, description: 'Urban-rural typology, when classified.' })
  urbanRural!: UrbanRuralType | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True for coastal regions (GISCO COAST_TYPE 1 or 2), false for non-coastal ones (3), null when unclassified.',
  })
  isCoastal!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True for mountain regions (GISCO MOUNT_TYPE 1-3), false for non-mountain ones (4), null when unclassified.',
  })
  isMountain!: boolean | null;

  @Field(() => Int, { nullable: true, description: 'GISCO COAST_TYPE code as delivered (1-3).' })
  coastalTypeCode!: number | null;

  @Field(() => Int, { nullable: true, description: 'GISCO MOUNT_TYPE code as delivered (1-4).' })
  mountainTypeCode!: number | null;
}

/** The typology of a region, or null when the 2021 data has none for it. */
export function typologyOf(
  region: Pick<Region, 'urbanRuralType' | 'coastalType' | 'mountainType'>,
): RegionTypology | null {
  const { urbanRuralType, coastalType, mountainType } = region;
  if (urbanRuralType === null && coastalType === null && mountainType === null) return null;
  return Object.assign(new RegionTypology(), {
    urbanRural: urbanRuralType === null ? null : (URBAN_RURAL_BY_CODE[urbanRuralType] ?? null),
    isCoastal: coastalType === null ? null : coastalType !== 3,
    isMountain: mountainType === null ? null : mountainType !== 4,
    coastalTypeCode: coastalType,
    mountainTypeCode: mountainType,
  });
}

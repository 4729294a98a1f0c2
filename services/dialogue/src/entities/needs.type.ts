import { PolicyArea, ListSize } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BreakdownLevel } from './enums';
import { Region } from './references.type';

@ObjectType('RegionNeed', {
  description:
    'The latest published severity of need in one policy area for a region: the mean of the answers to the tagged SCALE questions (1 no need … 5 most severe) of the latest needs assessment with results for it, from responses for the region itself and for the regions within it. Suppressed below 3 responses.',
})
export class RegionNeed {
  @Field(() => PolicyArea, { description: 'The policy area.' })
  policyArea!: PolicyArea;

  @Field(() => Boolean, {
    description: 'True when fewer than 3 responses stand behind it: `severity` is then null.',
  })
  suppressed!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean severity, 1 (no need) to 5 (most severe); null when suppressed.',
  })
  severity!: number | null;

  @Field(() => Int, { nullable: true, description: 'Responses it comes from; null when suppressed.' })
  responseCount!: number | null;

  @Field(() => Boolean, {
    description:
      'True when every response behind it was given for a region within this one (none for the region itself).',
  })
  fromSubRegions!: boolean;

  /** Exposed as `consultation: Consultation!`. */
  consultationId!: string;
}

@ObjectType('NeedsMapCell', { description: 'One region of a needs map.' })
export class NeedsMapCell {
  @Field(() => Region, { description: 'The region.' })
  region!: Region;

  @Field(() => Boolean, {
    description: 'True when fewer than 3 responses stand behind it: `severity` is then null.',
  })
  suppressed!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean severity, 1 (no need) to 5 (most severe); null when suppressed.',
  })
  severity!: number | null;

  @Field(() => Int, { nullable: true, description: 'Responses it comes from; null when suppressed.' })
  responseCount!: number | null;

  /** Exposed as `consultation: Consultation!`. */
  consultationId!: string;
}

@ObjectType('NeedsMap', {
  description:
    'Severity of need in one policy area per region of one NUTS level, ready for a choropleth: the latest published needs assessment with data for each region.',
})
export class NeedsMap {
  @Field(() => PolicyArea, { description: 'The policy area mapped.' })
  policyArea!: PolicyArea;

  @Field(() => BreakdownLevel, { description: 'The NUTS level of the regions.' })
  level!: BreakdownLevel;

  // the regions of one BreakdownLevel: 333 NUTS 2 regions in NUTS 2024, the largest level
  @ListSize(340)
  @Field(() => [NeedsMapCell], {
    description: 'Regions with at least one response, in code order (suppressed ones included and marked).',
  })
  cells!: NeedsMapCell[];

  /** Codes of the regions of `level` without data; exposed as `regionsWithoutData`. */
  regionsWithoutDataCodes!: string[];
}

import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN, PageArgs, PolicyArea, TargetGroup } from '@hub/kit';
import { ArrayMaxSize, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ResourceKind, ResourceOrder, ResourceStatus } from '../entities/enums';
import { LANGUAGE_CODE_PATTERN } from '../entities/languages';

/** What a search, a list, a map or a subscription narrows resources to; every criterion optional, all combined. */
@InputType('ResourceFilter', {
  description:
    'Criteria a resource must meet, all combined (AND); values within one list are alternatives (OR).',
})
export class ResourceFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words to find (at most 200 characters): in each resource’s own language (stems: "integration" finds "integrating"), accents and case ignored, a word’s beginning is enough ("integr"), and near spellings of names match ("Thessaloniky" finds "Thessaloniki"). Every word must match.',
  })
  @IsOptional()
  @MaxLength(200)
  query?: string | null;

  @Field(() => [ResourceKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: ResourceKind[] | null;

  @Field(() => [PolicyArea], {
    nullable: true,
    description: 'Only resources about one of these policy areas.',
  })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [TargetGroup], { nullable: true, description: 'Only resources for one of these groups.' })
  targetGroups?: TargetGroup[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only resources whose main language is one of these ISO 639-1 codes (at most 30).',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(LANGUAGE_CODE_PATTERN, {
    each: true,
    message: 'each language must be an ISO 639-1 code such as "fr"',
  })
  languages?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only resources published in one of these years.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Min(1900, { each: true })
  @Max(2100, { each: true })
  years?: number[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only resources about this region or any region inside it (a NUTS code: "EL" finds resources about "EL43").',
  })
  @IsOptional()
  @Matches(NUTS_CODE_PATTERN, { message: 'region must be a NUTS code such as "FR10"' })
  region?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only resources about one of these countries (codes of level-0 regions, "EL" for Greece).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]{2}$/, {
    each: true,
    message: 'each country must be the code of a level-0 region, e.g. "EL"',
  })
  countries?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only resources of this publisher (an organisation id).' })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, { message: 'publisher must be an organisation id such as "cpmr"' })
  publisher?: string | null;

  @Field(() => [ResourceStatus], {
    nullable: true,
    description:
      'Statuses to include (default PUBLISHED). DRAFT returns only drafts of your own organisation (all of them for hub admins).',
  })
  statuses?: ResourceStatus[] | null;
}

/** `first`, `after` and `orderBy` of resource lists. */
@ArgsType()
export class ResourcePageArgs extends PageArgs {
  @Field(() => ResourceOrder, {
    nullable: true,
    defaultValue: ResourceOrder.RELEVANCE,
    description: 'Order of the list (default RELEVANCE); a cursor is valid only with the order it came from.',
  })
  orderBy?: ResourceOrder | null;
}

/** Arguments of `resources`: the filter and the page. */
@ArgsType()
export class ResourceListArgs extends ResourcePageArgs {
  @Field(() => ResourceFilter, {
    nullable: true,
    description: 'Which resources (default: every published one).',
  })
  filter?: ResourceFilter | null;
}

@InputType('BoundingBoxInput', { description: 'A rectangle of the map in WGS 84 decimal degrees.' })
export class BoundingBoxInput {
  @Field(() => Float, { description: 'Western edge (smallest longitude), -180 to 180.' })
  @Min(-180)
  @Max(180)
  west!: number;

  @Field(() => Float, { description: 'Southern edge (smallest latitude), -90 to 90.' })
  @Min(-90)
  @Max(90)
  south!: number;

  @Field(() => Float, { description: 'Eastern edge (largest longitude), -180 to 180, greater than `west`.' })
  @Min(-180)
  @Max(180)
  east!: number;

  @Field(() => Float, { description: 'Northern edge (largest latitude), -90 to 90, greater than `south`.' })
  @Min(-90)
  @Max(90)
  north!: number;
}

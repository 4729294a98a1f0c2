import { PageInfo, PolicyArea, ListSize } from '@hub/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { ResourceKind } from './enums';
import { Region } from './references.type';
import { Resource } from './resource.entity';

@ObjectType('ResourceEdge', { description: 'One Resource in a list of resources, with its cursor.' })
export class ResourceEdge {
  @Field(() => String, {
    description: 'Opaque cursor of this edge; pass it as `after` to continue after it.',
  })
  cursor!: string;

  @Field(() => Resource, { description: 'The Resource.' })
  node!: Resource;
}

@ObjectType('ResourceKindCount', { description: 'How many resources of the list are of one kind.' })
export class ResourceKindCount {
  @Field(() => ResourceKind, { description: 'The kind.' })
  kind!: ResourceKind;

  @Field(() => Int, { description: 'Resources of this kind.' })
  count!: number;
}

@ObjectType('ResourcePolicyAreaCount', {
  description: 'How many resources of the list are about one policy area.',
})
export class ResourcePolicyAreaCount {
  @Field(() => PolicyArea, { description: 'The policy area.' })
  policyArea!: PolicyArea;

  @Field(() => Int, { description: 'Resources about it.' })
  count!: number;
}

@ObjectType('ResourceRegionCount', {
  description: 'How many resources of the list concern one region (as a territory or a region inside it).',
})
export class ResourceRegionCount {
  @Field(() => Region, { description: 'The region.' })
  region!: Region;

  @Field(() => Int, { description: 'Resources concerning it; 0 on a map where none does.' })
  count!: number;
}

@ObjectType('ResourceLanguageCount', {
  description: 'How many resources of the list are in one main language.',
})
export class ResourceLanguageCount {
  @Field(() => String, { description: 'The language (ISO 639-1).' })
  language!: string;

  @Field(() => Int, { description: 'Resources whose main language it is.' })
  count!: number;
}

@ObjectType('ResourceYearCount', {
  description: 'How many resources of the list were published in one year.',
})
export class ResourceYearCount {
  @Field(() => Int, { description: 'The year of `publishedOn`.' })
  year!: number;

  @Field(() => Int, { description: 'Resources published that year.' })
  count!: number;
}

@ObjectType('ResourceFacets', {
  description:
    'Counts of the whole filtered list by kind, policy area, country, language and year (largest first). Kinds, languages and years each add up to `total`; a resource with several policy areas or countries counts once in each.',
})
export class ResourceFacets {
  @Field(() => Int, { description: 'Resources in the whole filtered list (as `totalCount`).' })
  total!: number;

  // one per resource kind (6 today)
  @ListSize(10)
  @Field(() => [ResourceKindCount], { description: 'By kind.' })
  kinds!: ResourceKindCount[];

  // one per policy area
  @ListSize(Object.keys(PolicyArea).length)
  @Field(() => [ResourcePolicyAreaCount], { description: 'By policy area.' })
  policyAreas!: ResourcePolicyAreaCount[];

  // one per country: 37 in NUTS 2024
  @ListSize(40)
  @Field(() => [ResourceRegionCount], { description: 'By country (level-0 region of a territory).' })
  countries!: ResourceRegionCount[];

  // one per language
  @ListSize(24)
  @Field(() => [ResourceLanguageCount], { description: 'By main language.' })
  languages!: ResourceLanguageCount[];

  // assumed: one per year of publication
  @ListSize(60)
  @Field(() => [ResourceYearCount], { description: 'By year of publication.' })
  years!: ResourceYearCount[];
}

/** A page of resources with lazily counted totals and facets (each runs only when selected). */
@ObjectType('ResourceConnection', {
  description: 'A page of resources (Relay cursor connection), with the facets of the whole filtered list.',
})
export class ResourceConnection {
  @Field(() => [ResourceEdge], { description: 'The items of this page, in list order.' })
  edges!: ResourceEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;
  countFacets!: () => Promise<ResourceFacets>;

  @Field(() => Int, { description: 'Number of items in the whole filtered list, across all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }

  @Field(() => ResourceFacets, {
    description: 'Counts of the whole filtered list by kind, policy area, country, language and year.',
  })
  facets(): Promise<ResourceFacets> {
    return this.countFacets();
  }
}

@ObjectType('ResourceMap', {
  description:
    'Resources counted per region of one NUTS level, every region of the level listed (zeros too).',
})
export class ResourceMap {
  @Field(() => Int, { description: 'The largest count of a region (for a legend); 0 when the map is empty.' })
  maxCount!: number;

  // the regions of one level: 333 NUTS 2 regions in NUTS 2024, the largest level mapped
  @ListSize(340)
  @Field(() => [ResourceRegionCount], {
    description:
      'One cell per region of the level, ordered by code (when the regions subgraph cannot be asked, only regions with resources).',
  })
  cells!: ResourceRegionCount[];
}

import { invalidInput, normaliseRegionFilter, ListSize } from '@hub/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { MapLevel } from '../entities/enums';
import { GeoPoint } from '../entities/geo.type';
import { ResourceLanguageVersion, toLanguageVersion } from '../entities/language-version.type';
import {
  Event,
  eventReference,
  Organisation,
  organisationReference,
  Region,
  regionReference,
  Thread,
  threadReference,
} from '../entities/references.type';
import { ResourceConnection, ResourceMap } from '../entities/resource-connection.type';
import { Resource } from '../entities/resource.entity';
import { BoundingBoxInput, ResourceFilter, ResourceListArgs } from '../inputs/resource-filter.input';
import type { LibraryContext } from '../loaders';
import { resourcePoints, resourcesByRegion } from '../queries/resource-map.query';
import { searchResources } from '../queries/resource-search.query';
import { viewerOf, visibleResource } from '../queries/visibility.query';

/** Reading resources: one by id, search with facets, the map, and the records they point at. */
@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => Resource, {
    nullable: true,
    description: 'One resource by id, or null when there is none or it is a draft you may not see.',
  })
  resource(
    @Arg('id', () => ID, { description: 'The resource (its id).' }) id: string,
    @Ctx() context: LibraryContext,
  ): Promise<Resource | null> {
    return visibleResource(id, context);
  }

  @Query(() => ResourceConnection, {
    description:
      'Search and list resources: full text in each resource’s language, filters, relevance order, and facets of the whole result in the same request.',
  })
  resources(@Args(() => ResourceListArgs) args: ResourceListArgs, @Ctx() context: LibraryContext) {
    return searchResources(context.em, viewerOf(context.caller), args);
  }

  @Query(() => ResourceMap, {
    description:
      'Resources matching the filter counted per region of one NUTS level, every region of the level included (zeros too): ready for a choropleth.',
  })
  resourcesByRegion(
    @Arg('filter', () => ResourceFilter, {
      nullable: true,
      description: 'Which resources (default: published).',
    })
    filter: ResourceFilter | null,
    @Arg('level', () => MapLevel, {
      defaultValue: MapLevel.NUTS2,
      description: 'The NUTS level (default NUTS2).',
    })
    level: MapLevel,
    @Arg('country', () => ID, {
      nullable: true,
      description: 'Only regions of this country (level-0 code, "EL").',
    })
    country: string | null,
    @Ctx() context: LibraryContext,
  ): Promise<ResourceMap> {
    const code = normaliseRegionFilter(country, 'country');
    if (code && code.length !== 2)
      throw invalidInput('country', 'must be the code of a level-0 region, e.g. "EL"');
    return resourcesByRegion(context, filter, level, code);
  }

  @Query(() => GraphQLJSONObject, {
    description:
      'Located resources inside a bounding box as a GeoJSON FeatureCollection: a Point per resource (properties id, title, kind), or clustered Points (properties cluster: true, count) when more than `limit` are inside; `properties.total` counts them all.',
  })
  resourcePoints(
    @Arg('filter', () => ResourceFilter, {
      nullable: true,
      description: 'Which resources (default: published).',
    })
    filter: ResourceFilter | null,
    @Arg('bbox', () => BoundingBoxInput, { description: 'The part of the map to cover.' })
    bbox: BoundingBoxInput,
    @Arg('limit', () => Int, {
      defaultValue: 500,
      description: 'Most single points (0-2,000, default 500); above it points are clustered.',
    })
    limit: number,
    @Ctx() context: LibraryContext,
  ): Promise<Record<string, unknown>> {
    return resourcePoints(context.em, context, filter, bbox, limit);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that publishes it.' })
  publisher(@Root() resource: Resource): Organisation {
    return organisationReference(resource.organisationId);
  }

  // CreateResourceInput.territories: at most 300
  @ListSize(300)
  @FieldResolver(() => [Region], { description: 'The territories it concerns (NUTS regions of any level).' })
  territories(@Root() resource: Resource): Region[] {
    return resource.territoryCodes.map(regionReference);
  }

  @FieldResolver(() => GeoPoint, { nullable: true, description: 'Where it takes place, when located.' })
  location(@Root() resource: Resource): GeoPoint | null {
    if (resource.longitude === null || resource.latitude === null) return null;
    return Object.assign(new GeoPoint(), { longitude: resource.longitude, latitude: resource.latitude });
  }

  // the EU's 24 official languages
  @ListSize(24)
  @FieldResolver(() => [ResourceLanguageVersion], { description: 'The resource in other languages.' })
  versions(@Root() resource: Resource): ResourceLanguageVersion[] {
    return resource.versions.map(toLanguageVersion);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: 'The workshop, study visit … that produced it (events subgraph), when any.',
  })
  event(@Root() resource: Resource): Event | null {
    return resource.eventId ? eventReference(resource.eventId) : null;
  }

  // assumed: threads citing one resource
  @ListSize(50)
  @FieldResolver(() => [Thread], { description: 'Forum discussions that cite it.' })
  citedIn(@Root() resource: Resource): Thread[] {
    return resource.threadIds.map(threadReference);
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ResourceConnection } from '../entities/resource-connection.type';
import { Resource } from '../entities/resource.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { ResourceListArgs } from '../inputs/resource-list.input';
import type { LibraryContext } from '../loaders';
import { resourcePage } from '../queries/resource-list.query';

/** Reading resources: one by id, a page of them, and the regions and organisations they point at. */
@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => Resource, {
    nullable: true,
    description: 'One resource by id, or null when there is none.',
  })
  resource(
    @Arg('id', () => ID, { description: 'The resource (its id).' }) id: string,
    @Ctx() context: LibraryContext,
  ): Promise<Resource | null> {
    return context.loaders.resourceById.load(id);
  }

  @Query(() => ResourceConnection, {
    description: 'Resources, oldest first, optionally about one region.',
  })
  resources(@Args(() => ResourceListArgs) args: ResourceListArgs, @Ctx() context: LibraryContext) {
    return resourcePage(context.em, args);
  }

  @FieldResolver(() => Region, { description: 'The region it is about.' })
  region(@Root() resource: Resource): Region {
    return regionReference(resource.regionCode);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that recorded it.' })
  organisation(@Root() resource: Resource): Organisation {
    return organisationReference(resource.organisationId);
  }
}

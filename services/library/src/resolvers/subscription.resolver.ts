import { busSubscription, checkedSubscriptionScope, isRegionOrDescendant, PolicyArea } from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { visibleResource } from '../queries/visibility.query';
import { RESOURCE_PUBLISHED, type ResourcePublishedPayload } from '../writes/resource-published.write';

@Resolver()
export class ResourceSubscriptionResolver {
  @Subscription(() => Resource, {
    nullable: true,
    description:
      'Resources as they are published (after the write committed), optionally only those about a region (or a region inside it) and about one of some policy areas.',
    subscribe: ({ args, context }) => {
      const { region, policyAreas } = args as { region?: string | null; policyAreas?: PolicyArea[] | null };
      const scope = checkedSubscriptionScope({ region: region?.trim().toUpperCase() || null });
      const areas = new Set(policyAreas ?? []);
      return busSubscription<ResourcePublishedPayload>(
        context as LibraryContext,
        RESOURCE_PUBLISHED,
        (payload) =>
          (!scope.region ||
            payload.territoryCodes.some((code) => isRegionOrDescendant(code, scope.region!))) &&
          (areas.size === 0 || payload.policyAreas.some((area) => areas.has(area as PolicyArea))),
      );
    },
  })
  async resourcePublished(
    @Root() payload: ResourcePublishedPayload,
    @Arg('region', () => ID, {
      nullable: true,
      description: 'Only resources about this region or a region inside it (a NUTS code).',
    })
    _region: string | null,
    @Arg('policyAreas', () => [PolicyArea], {
      nullable: true,
      description: 'Only resources about one of these.',
    })
    _policyAreas: PolicyArea[] | null,
    @Ctx() context: LibraryContext,
  ): Promise<Resource | null> {
    return visibleResource(payload.id, context);
  }
}

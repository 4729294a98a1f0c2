import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganisationReference, RegionReference } from '../entities/references';
import type { EventScope } from '../queries/event-lists';
import { EventConnection, eventConnection, EventListArgs, eventPageQuery } from './event-list';
import type { EventsContext } from './types';

/**
 * A page of the events of one region or organisation through the batching loaders: for N regions in one
 * request, one statement per distinct set of arguments for the pages and one for the counts.
 */
async function scopedEvents(
  scope: EventScope,
  id: string,
  args: EventListArgs,
  context: EventsContext,
): Promise<EventConnection> {
  const { first, query } = eventPageQuery(args, context);
  const { loaders } = context;
  const rows = first === 0 ? [] : await loaders.scopedPages.load({ scope, id, query });
  return eventConnection(rows, first, query, () =>
    loaders.scopedCounts.load({ scope, id, query: { filter: query.filter, viewer: query.viewer } }),
  );
}

/** What the events subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => RegionReference)
export class RegionEventsResolver {
  @FieldResolver(() => EventConnection, {
    description:
      'Events hosted in this region or in any region within it (events of "FR" include those hosted in "FRH01"), filtered (default: published events) and paged.',
  })
  events(
    @Root() region: RegionReference,
    @Args(() => EventListArgs) args: EventListArgs,
    @Ctx() context: EventsContext,
  ): Promise<EventConnection> {
    return scopedEvents('region', region.code, args, context);
  }
}

/** What the events subgraph adds to the regions subgraph's `Organisation`. */
@Resolver(() => OrganisationReference)
export class OrganisationEventsResolver {
  @FieldResolver(() => EventConnection, {
    description:
      'Events this organisation organises or created, filtered (default: published events) and paged.',
  })
  events(
    @Root() organisation: OrganisationReference,
    @Args(() => EventListArgs) args: EventListArgs,
    @Ctx() context: EventsContext,
  ): Promise<EventConnection> {
    return scopedEvents('organisation', organisation.id, args, context);
  }
}

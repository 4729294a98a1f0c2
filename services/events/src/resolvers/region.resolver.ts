import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../entities/event-connection.type';
import { Region } from '../entities/references.type';
import { EventListArgs } from '../inputs/event-list.input';
import type { EventsContext } from '../loaders';
import { scopedEvents } from '../queries/scoped-events.query';

/** What the events subgraph adds to the regions subgraph's `Region`. */
@Resolver(() => Region)
export class RegionEventsResolver {
  @FieldResolver(() => EventConnection, {
    description:
      'Events hosted in this region or in any region within it (events of "FR" include those hosted in "FRH01"), filtered (default: published events) and paged.',
  })
  events(
    @Root() region: Region,
    @Args(() => EventListArgs) args: EventListArgs,
    @Ctx() context: EventsContext,
    @Info() info: GraphQLResolveInfo,
  ): EventConnection | Promise<EventConnection> {
    return scopedEvents('region', region.code, args, context, info);
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../entities/event-connection.type';
import { Organisation } from '../entities/references.type';
import { EventListArgs } from '../inputs/event-list.input';
import type { EventsContext } from '../loaders';
import { scopedEvents } from '../queries/scoped-events.query';

/** What the events subgraph adds to the regions subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationEventsResolver {
  @FieldResolver(() => EventConnection, {
    description:
      'Events this organisation organises or created, filtered (default: published events) and paged.',
  })
  events(
    @Root() organisation: Organisation,
    @Args(() => EventListArgs) args: EventListArgs,
    @Ctx() context: EventsContext,
    @Info() info: GraphQLResolveInfo,
  ): EventConnection | Promise<EventConnection> {
    return scopedEvents('organisation', organisation.id, args, context, info);
  }
}

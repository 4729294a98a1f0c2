import { ListSize } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { EventConnection } from '../entities/event-connection.type';
import { Event } from '../entities/event.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { EventListArgs } from '../inputs/event-list.input';
import type { EventsContext } from '../loaders';
import { countEvents, findEventPage } from '../queries/event-lists.query';
import { eventConnection, eventPageQuery } from '../queries/event-page.query';
import { visibleEvent } from '../queries/visibility.query';
import { seesPendingOrganisers } from '../writes/organiser-consent.write';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, {
    nullable: true,
    description: 'One event by id; null when there is none or it is a draft the caller may not see.',
  })
  event(
    @Arg('id', () => ID, { description: 'Event id (a UUID).' }) id: string,
    @Ctx() context: EventsContext,
  ): Promise<Event | null> {
    return visibleEvent(id, context);
  }

  @Query(() => EventConnection, {
    description: 'Events matching a filter (default: published events), in the order asked for, paged.',
  })
  async events(
    @Args(() => EventListArgs) args: EventListArgs,
    @Ctx() context: EventsContext,
  ): Promise<EventConnection> {
    const { first, query } = eventPageQuery(args, context.caller);
    const rows = first === 0 ? [] : await findEventPage(context.em, query);
    return eventConnection(rows, first, query, () => countEvents(context.em, query));
  }

  // assumed: host regions of one event
  @ListSize(50)
  @FieldResolver(() => [Region], {
    description: 'Regions hosting the event (NUTS 2024 codes); empty when no source states the place.',
  })
  async hostRegions(@Root() event: Event, @Ctx() { loaders }: EventsContext): Promise<Region[]> {
    return (await loaders.hostRegionCodes.load(event.id)).map(regionReference);
  }

  // assumed: organisers of one event
  @ListSize(20)
  @FieldResolver(() => [Organisation], {
    description:
      'Organisations that organise the event: the one that recorded it, and those it named that accepted (`acceptOrganiserRole`).',
  })
  async organisers(@Root() event: Event, @Ctx() { loaders }: EventsContext): Promise<Organisation[]> {
    return (await loaders.organiserIds.load(event.id)).map(organisationReference);
  }

  // assumed, as organisers
  @ListSize(20)
  @FieldResolver(() => [Organisation], {
    description:
      'Organisations the event names as organisers that have not accepted yet (`acceptOrganiserRole`): shown to the organisations the event names (creator, organisers, pending) and to hub admins; empty for everyone else.',
  })
  async pendingOrganisers(@Root() event: Event, @Ctx() context: EventsContext): Promise<Organisation[]> {
    const [organisers, pending] = await Promise.all([
      context.loaders.organiserIds.load(event.id),
      context.loaders.pendingOrganiserIds.load(event.id),
    ]);
    return seesPendingOrganisers(context, event, { organisers, pending })
      ? pending.map(organisationReference)
      : [];
  }

  @FieldResolver(() => Organisation, {
    description: 'The organisation that recorded the event; its contributors and editors may change it.',
  })
  createdBy(@Root() event: Event): Organisation {
    return organisationReference(event.createdBy);
  }
}

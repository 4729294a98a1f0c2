import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Event } from '../entities/event.entity';
import {
  OrganisationReference,
  organisationReference,
  RegionReference,
  regionReference,
} from '../entities/references';
import { countEvents, findEventPage } from '../queries/event-lists';
import { canSee, viewerOf } from '../queries/visibility';
import { EventConnection, eventConnection, EventListArgs, eventPageQuery } from './event-list';
import type { EventsContext } from './types';

/** An event by id if the caller may see it (drafts only to their organisation's writers and admins). */
export async function visibleEvent(id: string, context: EventsContext): Promise<Event | null> {
  const event = await context.loaders.eventById.load(id);
  return event && canSee(viewerOf(context.caller), event) ? event : null;
}

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
    const { first, query } = eventPageQuery(args, context);
    const rows = first === 0 ? [] : await findEventPage(context.em, query);
    return eventConnection(rows, first, query, () => countEvents(context.em, query));
  }

  @FieldResolver(() => [RegionReference], {
    description: 'Regions hosting the event (NUTS 2024 codes); empty when no source states the place.',
  })
  async hostRegions(@Root() event: Event, @Ctx() { loaders }: EventsContext): Promise<RegionReference[]> {
    return (await loaders.hostRegionCodes.load(event.id)).map(regionReference);
  }

  @FieldResolver(() => [OrganisationReference], { description: 'Organisations that organise the event.' })
  async organisers(
    @Root() event: Event,
    @Ctx() { loaders }: EventsContext,
  ): Promise<OrganisationReference[]> {
    return (await loaders.organiserIds.load(event.id)).map(organisationReference);
  }

  @FieldResolver(() => OrganisationReference, {
    description: 'The organisation that recorded the event; its contributors and editors may change it.',
  })
  createdBy(@Root() event: Event): OrganisationReference {
    return organisationReference(event.createdBy);
  }
}

/** `_entities` lookup of an Event: null for unknown ids and for drafts the caller may not see. */
export function resolveEventReference(
  reference: { id: string },
  context: EventsContext,
): Promise<Event | null> {
  return typeof reference.id === 'string' ? visibleEvent(reference.id, context) : Promise.resolve(null);
}

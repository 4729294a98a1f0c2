import { createConnectionType, PageArgs, toConnection, toPage, validateFirst } from '@hub/kit';
import { ArgsType, Field } from 'type-graphql';
import { EventOrder } from '../entities/enums';
import { Event } from '../entities/event.entity';
import { normaliseEventFilter } from '../queries/event-filter';
import type { EventPageQuery } from '../queries/event-lists';
import { decodeEventCursor, sortKeyOf } from '../queries/event-order';
import { viewerOf } from '../queries/visibility';
import { EventFilter } from './inputs/event-filter.input';
import type { EventsContext } from './types';

export const EventConnection = createConnectionType(Event, 'Event', 'events');
export type EventConnection = InstanceType<typeof EventConnection>;

/** Arguments of every event list: `events`, `Region.events`, `Organisation.events`. */
@ArgsType()
export class EventListArgs extends PageArgs {
  @Field(() => EventFilter, {
    nullable: true,
    description: 'Which events to list; default: published events.',
  })
  filter?: EventFilter | null;

  @Field(() => EventOrder, {
    nullable: true,
    defaultValue: EventOrder.STARTS_AT_ASC,
    description:
      'Order of the list (default STARTS_AT_ASC); a cursor is only valid with the order it came from.',
  })
  orderBy?: EventOrder | null;
}

/** Validated list arguments; the page query fetches one row more than the page to tell if a next page exists. */
export function eventPageQuery(
  args: EventListArgs,
  context: EventsContext,
): { first: number; query: EventPageQuery } {
  const first = validateFirst(args.first);
  const order = args.orderBy ?? EventOrder.STARTS_AT_ASC;
  return {
    first,
    query: {
      filter: normaliseEventFilter(args.filter),
      viewer: viewerOf(context.caller),
      order,
      limit: first + 1,
      after: decodeEventCursor(args.after, order),
    },
  };
}

/** A page of rows (`limit first + 1`) as an EventConnection; `countTotal` runs only if `totalCount` is selected. */
export function eventConnection(
  rows: Event[],
  first: number,
  query: EventPageQuery,
  countTotal: () => Promise<number>,
): EventConnection {
  return toConnection(
    EventConnection,
    toPage(rows, first, query.after !== null, (event) => sortKeyOf(query.order, event)),
    countTotal,
  );
}

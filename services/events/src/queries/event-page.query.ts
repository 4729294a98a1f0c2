import { toConnection, toPage, validateFirst, type Caller } from '@hub/kit';
import { EventOrder } from '../entities/enums';
import { EventConnection } from '../entities/event-connection.type';
import type { Event } from '../entities/event.entity';
import type { EventListArgs } from '../inputs/event-list.input';
import { normaliseEventFilter } from './event-filter.query';
import type { EventPageQuery } from './event-lists.query';
import { decodeEventCursor, sortKeyOf } from './event-order.query';
import { viewerOf } from './visibility.query';

/** Validated list arguments; the page query fetches one row more than the page to tell if a next page exists. */
export function eventPageQuery(
  args: EventListArgs,
  caller: Caller,
): { first: number; query: EventPageQuery } {
  const first = validateFirst(args.first);
  const order = args.orderBy ?? EventOrder.STARTS_AT_ASC;
  return {
    first,
    query: {
      filter: normaliseEventFilter(args.filter),
      viewer: viewerOf(caller),
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

import { oncePerField } from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { EventConnection } from '../entities/event-connection.type';
import type { EventListArgs } from '../inputs/event-list.input';
import type { EventsContext } from '../loaders';
import type { EventListQuery, EventScope } from './event-lists.query';
import { eventConnection, eventPageQuery } from './event-page.query';

/**
 * A page of the events of one region or organisation through the batching loaders: for N regions in one
 * request, one statement per distinct set of arguments for the pages and one for the counts. The arguments are
 * checked and normalised once per field of the request, not once per region (`oncePerField`), and the loaders'
 * keys share those objects.
 */
export function scopedEvents(
  scope: EventScope,
  id: string,
  args: EventListArgs,
  context: EventsContext,
  info: GraphQLResolveInfo,
): EventConnection | Promise<EventConnection> {
  const { first, query, countQuery } = oncePerField(info, () => {
    const page = eventPageQuery(args, context.caller);
    const count: EventListQuery = { filter: page.query.filter, viewer: page.query.viewer };
    return { ...page, countQuery: count };
  });
  const { loaders } = context;
  const countTotal = () => loaders.scopedCounts.load({ scope, id, query: countQuery });
  // without a page (`first: 0`, dashboards counting events of many regions) no promise is needed
  if (first === 0) return eventConnection([], first, query, countTotal);
  return loaders.scopedPages
    .load({ scope, id, query })
    .then((rows) => eventConnection(rows, first, query, countTotal));
}

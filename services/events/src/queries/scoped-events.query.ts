import type { EventConnection } from '../entities/event-connection.type';
import type { EventListArgs } from '../inputs/event-list.input';
import type { EventsContext } from '../loaders';
import type { EventScope } from './event-lists.query';
import { eventConnection, eventPageQuery } from './event-page.query';

/**
 * A page of the events of one region or organisation through the batching loaders: for N regions in one
 * request, one statement per distinct set of arguments for the pages and one for the counts.
 */
export async function scopedEvents(
  scope: EventScope,
  id: string,
  args: EventListArgs,
  context: EventsContext,
): Promise<EventConnection> {
  const { first, query } = eventPageQuery(args, context.caller);
  const { loaders } = context;
  const rows = first === 0 ? [] : await loaders.scopedPages.load({ scope, id, query });
  return eventConnection(rows, first, query, () =>
    loaders.scopedCounts.load({ scope, id, query: { filter: query.filter, viewer: query.viewer } }),
  );
}

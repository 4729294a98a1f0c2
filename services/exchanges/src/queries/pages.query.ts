import { toConnection, toPage, validateFirst, type ConnectionShape } from '@hub/kit';
import type { ExchangesContext } from '../loaders';
import type { ListRow } from '../loaders/scoped-lists.loader';
import { checkCursor, cursorKey, type ListName } from './lists.query';
import { viewerOf } from './visibility.query';

/** Paging arguments as the schema takes them. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  status?: string | null;
}

/**
 * One page of a list (queries/lists.query.ts) for one key through the batched loaders: one statement for the
 * pages of every key in the request, one for their rows, one for their counts (only when `totalCount` is asked).
 */
export async function listPage<T extends ListRow, C extends ConnectionShape<T>>(
  context: ExchangesContext,
  list: ListName,
  id: string,
  request: PageRequest,
  Connection: new () => C,
): Promise<C> {
  const viewer = viewerOf(context.caller);
  const page = {
    first: validateFirst(request.first),
    after: request.after ?? null,
    status: request.status ?? null,
  };
  checkCursor(page.after);
  const rows = (await context.loaders.scopedPages.load({ list, id, viewer, page })) as T[];
  return toConnection(Connection, toPage(rows, page.first, Boolean(page.after), cursorKey), () =>
    context.loaders.scopedCounts.load({ list, id, viewer, status: page.status }),
  );
}

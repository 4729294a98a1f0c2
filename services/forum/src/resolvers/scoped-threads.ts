import { validateFirst } from '@hub/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { ThreadOrder } from '../entities/enums';
import type { ThreadScope } from '../loaders/thread-queries';
import type { ThreadListArgs } from './inputs/thread.inputs';
import {
  decodeThreadCursor,
  normaliseFilter,
  selectsOnlyTotalCount,
  threadConnection,
  type ThreadConnection,
} from './thread-list';
import type { ForumContext } from './types';

/**
 * `Region.threads` / `Organisation.threads`: the page and the count go through DataLoaders, so a request for
 * many regions or organisations costs one statement for the pages and one for the counts.
 */
export async function scopedThreadConnection(
  scope: ThreadScope,
  id: string,
  args: ThreadListArgs,
  { loaders }: ForumContext,
  info: GraphQLResolveInfo,
): Promise<ThreadConnection> {
  const first = validateFirst(args.first);
  const order = args.order ?? ThreadOrder.LAST_ACTIVITY_DESC;
  const filter = normaliseFilter(args.filter);
  const after = decodeThreadCursor(args.after, order);
  const rows =
    first === 0 || selectsOnlyTotalCount(info)
      ? []
      : await loaders.scopedThreads.load({ id, scope, filter, order, first, after });
  return threadConnection(rows, first, after !== null, order, () =>
    loaders.scopedThreadCount.load({ id, scope, filter }),
  );
}

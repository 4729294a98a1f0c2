import {
  decodeCursor,
  invalidInput,
  oncePerField,
  toConnection,
  toPage,
  UUID_PATTERN,
  validateFirst,
} from '@hub/kit';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ThreadOrder } from '../entities/enums';
import { ThreadConnection } from '../entities/thread-connection.type';
import type { Thread } from '../entities/thread.entity';
import type { ThreadListArgs } from '../inputs/thread-list.input';
import type { ForumContext } from '../loaders';
import { normaliseFilter } from './thread-filter.query';
import {
  sortValueOf,
  threadCount,
  threadPage,
  type ThreadListCursor,
  type ThreadPageArgs,
  type ThreadScope,
} from './thread-lists.query';

/** Cursors name their order, so a cursor of one order is refused by the other. */
const ORDER_TAG: Record<ThreadOrder, string> = {
  [ThreadOrder.LAST_ACTIVITY_DESC]: 'activity',
  [ThreadOrder.CREATED_AT_DESC]: 'created',
};

function cursorKeyOf(thread: Thread, order: ThreadOrder): [string, string, string] {
  return [ORDER_TAG[order], new Date(sortValueOf(thread, order)).toISOString(), thread.id];
}

function decodeThreadCursor(after: string | null | undefined, order: ThreadOrder): ThreadListCursor | null {
  if (!after) return null;
  const [tag, at, id] = decodeCursor(after, 3).map(String);
  if (tag !== ORDER_TAG[order] || Number.isNaN(Date.parse(at!)) || !UUID_PATTERN.test(id!)) {
    throw invalidInput('after', 'is not a cursor returned by this list in this order');
  }
  return { at: at!, id: id! };
}

/** Validated list arguments. */
function threadPageArgs(args: ThreadListArgs): ThreadPageArgs {
  const order = args.orderBy ?? ThreadOrder.LAST_ACTIVITY_DESC;
  return {
    filter: normaliseFilter(args.filter),
    order,
    first: validateFirst(args.first),
    after: decodeThreadCursor(args.after, order),
  };
}

/** A connection from `first + 1` rows (or none, when only `totalCount` was asked for). */
function threadConnection(
  rows: Thread[],
  page: ThreadPageArgs,
  countTotal: () => Promise<number>,
): ThreadConnection {
  return toConnection(
    ThreadConnection,
    toPage(rows, page.first, page.after !== null, (thread) => cursorKeyOf(thread, page.order)),
    countTotal,
  );
}

/**
 * True when a connection field selects nothing but `totalCount` (dashboards counting threads of hundreds of
 * regions): the page query can then be skipped.
 */
export function selectsOnlyTotalCount(info: GraphQLResolveInfo): boolean {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  names.delete('__typename');
  return names.size === 1 && names.has('totalCount');
}

/** `threads`: one statement for the page, one for the count (only when selected). */
export async function threadsConnection(
  args: ThreadListArgs,
  { em }: ForumContext,
  info: GraphQLResolveInfo,
): Promise<ThreadConnection> {
  const page = threadPageArgs(args);
  const rows = page.first === 0 || selectsOnlyTotalCount(info) ? [] : await threadPage(em, page);
  return threadConnection(rows, page, () => threadCount(em, page.filter));
}

/**
 * `Region.threads` / `Organisation.threads`: the page and the count go through DataLoaders, so a request for
 * many regions or organisations costs one statement for the pages and one for the counts. The arguments are
 * checked and normalised once per field of the request, not once per region (`oncePerField`), and the
 * loaders' keys share those objects.
 */
export function scopedThreadsConnection(
  scope: ThreadScope,
  id: string,
  args: ThreadListArgs,
  { loaders }: ForumContext,
  info: GraphQLResolveInfo,
): ThreadConnection | Promise<ThreadConnection> {
  const page = oncePerField(info, () => threadPageArgs(args));
  // not remembered with the arguments: the same field node may be merged with others that ask for more at
  // another place of the operation (a fragment spread twice), and `info.fieldNodes` holds them all
  const pageNeeded = page.first > 0 && !selectsOnlyTotalCount(info);
  const countTotal = () => loaders.scopedThreadCount.load({ id, scope, filter: page.filter });
  // counting only (dashboards over hundreds of regions): no promise needed
  if (!pageNeeded) return threadConnection([], page, countTotal);
  return loaders.scopedThreads
    .load({ id, scope, ...page })
    .then((rows) => threadConnection(rows, page, countTotal));
}

import {
  badUserInput,
  canonicalList,
  createConnectionType,
  decodeCursor,
  normaliseOrganisationFilter,
  normaliseRegionFilter,
  normaliseSearchText,
  toConnection,
  toPage,
  UUID_PATTERN,
} from '@hub/kit';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ThreadOrder, ThreadStatus } from '../entities/enums';
import { Thread } from '../entities/thread.entity';
import { sortValueOf, type ThreadListCursor, type ThreadListFilter } from '../loaders/thread-queries';
import type { ThreadFilter } from './inputs/thread.inputs';

export const ThreadConnection = createConnectionType(Thread, 'Thread', 'threads');
export type ThreadConnection = InstanceType<typeof ThreadConnection>;

/** Statuses listed when a filter names none: archived threads only when asked for. */
export const DEFAULT_STATUSES: readonly ThreadStatus[] = [ThreadStatus.OPEN, ThreadStatus.LOCKED];

/** Validates a `ThreadFilter` into the form the SQL builder and DataLoader keys use. */
export function normaliseFilter(filter: ThreadFilter | null | undefined): ThreadListFilter {
  const region = normaliseRegionFilter(filter?.region, 'filter.region');
  const organisation = normaliseOrganisationFilter(filter?.organisation, 'filter.organisation');
  const event = filter?.event?.trim().toLowerCase() || null;
  if (event && !UUID_PATTERN.test(event)) {
    throw badUserInput(`"${filter?.event}" is not an event id (a UUID).`, 'filter.event');
  }
  // Folding leaves letters, digits and spaces: a search of punctuation alone restricts nothing.
  const search = filter?.search ? normaliseSearchText(filter.search) || null : null;
  return {
    region,
    organisation,
    event,
    strands: canonicalList(filter?.strands),
    policyAreas: canonicalList(filter?.policyAreas),
    targetGroups: canonicalList(filter?.targetGroups),
    statuses: canonicalList(filter?.statuses) ?? [...DEFAULT_STATUSES],
    search,
  };
}

/** Cursors name their order, so a cursor of one order is refused by the other. */
const ORDER_TAG: Record<ThreadOrder, string> = {
  [ThreadOrder.LAST_ACTIVITY_DESC]: 'activity',
  [ThreadOrder.CREATED_AT_DESC]: 'created',
};

function cursorKeyOf(thread: Thread, order: ThreadOrder): [string, string, string] {
  return [ORDER_TAG[order], sortValueOf(thread, order).toISOString(), thread.id];
}

export function decodeThreadCursor(
  after: string | null | undefined,
  order: ThreadOrder,
): ThreadListCursor | null {
  if (!after) return null;
  const [tag, at, id] = decodeCursor(after, 3).map(String);
  if (tag !== ORDER_TAG[order] || Number.isNaN(Date.parse(at!)) || !UUID_PATTERN.test(id!)) {
    throw badUserInput('Argument "after" is not a cursor returned by this list in this order.', 'after');
  }
  return { at: at!, id: id! };
}

/** A connection from `first + 1` rows (or none, when only `totalCount` was asked for). */
export function threadConnection(
  rows: Thread[],
  first: number,
  hadCursor: boolean,
  order: ThreadOrder,
  countTotal: () => Promise<number>,
): ThreadConnection {
  return toConnection(
    ThreadConnection,
    toPage(rows, first, hadCursor, (thread) => cursorKeyOf(thread, order)),
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

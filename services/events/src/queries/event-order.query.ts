import { decodeCursor, invalidInput, rawSql, sql, UUID_PATTERN, type SqlFragment } from '@hub/kit';
import { EventOrder } from '../entities/enums';
import type { Event } from '../entities/event.entity';

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Where a page starts: after the row with this sort key. */
export interface EventCursor {
  at: string;
  id: string;
}

const ORDER_SQL: Record<EventOrder, { column: string; direction: 'ASC' | 'DESC' }> = {
  [EventOrder.STARTS_AT_ASC]: { column: 'starts_at', direction: 'ASC' },
  [EventOrder.STARTS_AT_DESC]: { column: 'starts_at', direction: 'DESC' },
  [EventOrder.UPDATED_AT_DESC]: { column: 'updated_at', direction: 'DESC' },
};

/** `ORDER BY` of a list on the `event` row aliased `e`; id breaks ties so every row has a unique position. */
export function orderSql(order: EventOrder): SqlFragment {
  const { column, direction } = ORDER_SQL[order];
  return rawSql(`e.${column} ${direction}, e.id ${direction}`);
}

/** Rows strictly after the cursor in `order` (a row-value comparison matches the two-column order exactly). */
export function afterCursorSql(order: EventOrder, cursor: EventCursor | null): SqlFragment {
  if (!cursor) return rawSql('TRUE');
  const { column, direction } = ORDER_SQL[order];
  const comparison = rawSql(direction === 'ASC' ? '>' : '<');
  return sql`(e.${rawSql(column)}, e.id) ${comparison} (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** The sort key a cursor encodes: the order it belongs to, the ordered instant and the id. */
export function sortKeyOf(order: EventOrder, event: Event): [string, string, string] {
  const at = order === EventOrder.UPDATED_AT_DESC ? event.updatedAt : event.startsAt;
  return [order, new Date(at).toISOString(), event.id];
}

/** Decodes an `after` argument; a cursor of another order or another list is a BAD_USER_INPUT. */
export function decodeEventCursor(
  after: string | null | undefined,
  order: EventOrder,
  path = 'after',
): EventCursor | null {
  if (!after) return null;
  const [cursorOrder, at, id] = decodeCursor(after, 3, path).map(String) as [string, string, string];
  if (cursorOrder !== order) {
    throw invalidInput(
      path,
      `is a cursor of order ${cursorOrder}; pass orderBy: ${cursorOrder} with it, or start again without a cursor`,
    );
  }
  if (Number.isNaN(Date.parse(at)) || !isUuid(id)) {
    throw invalidInput(path, 'is not a cursor returned by this list');
  }
  return { at, id };
}

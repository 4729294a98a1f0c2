import { batchByArguments, BY_JSON, groupInKeyOrder, oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Event } from '../entities/event.entity';
import { isUuid } from '../queries/event-order';
import {
  countEventsByScope,
  findEventPagesByScope,
  type EventListQuery,
  type EventPageQuery,
  type EventScope,
} from '../queries/event-lists';

/** `Region.events` / `Organisation.events` of one region or organisation: the key plus the list arguments. */
export interface ScopedPageKey {
  scope: EventScope;
  /** Region code or organisation id. */
  id: string;
  query: EventPageQuery;
}

export interface ScopedCountKey {
  scope: EventScope;
  id: string;
  query: EventListQuery;
}

/** Rows of a join table, grouped per event id in key order (one statement per page of events). */
async function joinedValues(
  em: EntityManager,
  eventIds: readonly string[],
  table: 'event_host_region' | 'event_organiser',
  column: 'region_code' | 'organisation_id',
): Promise<string[][]> {
  const placeholders = eventIds.map(() => '?').join(', ');
  const rows = await em.execute<Array<{ event_id: string; value: string }>>(
    `SELECT event_id, ${column} AS value FROM ${table} WHERE event_id IN (${placeholders}) ORDER BY ${column} COLLATE "C"`,
    [...eventIds],
  );
  return groupInKeyOrder(eventIds, rows, (row) => row.event_id).map((group) => group.map((row) => row.value));
}

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createEventsLoaders(em: EntityManager) {
  return {
    /** Events by id, whatever their status (callers check visibility); a malformed id is simply not found. */
    eventById: new DataLoader<string, Event | null>(async (ids) => {
      const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
      const rows = valid.length ? await em.find(Event, { id: { $in: valid } }) : [];
      return oneInKeyOrder(
        ids.map((id) => id.toLowerCase()),
        rows,
        (row) => row.id,
      );
    }),

    /** `Event.hostRegions`: region codes per event. */
    hostRegionCodes: new DataLoader<string, string[]>((eventIds) =>
      joinedValues(em, eventIds, 'event_host_region', 'region_code'),
    ),

    /** `Event.organisers`: organisation ids per event. */
    organiserIds: new DataLoader<string, string[]>((eventIds) =>
      joinedValues(em, eventIds, 'event_organiser', 'organisation_id'),
    ),

    /** `Region.events` / `Organisation.events` pages: one statement per distinct set of arguments. */
    scopedPages: new DataLoader<ScopedPageKey, Event[], string>(
      (keys) =>
        batchByArguments(
          keys,
          (ids, { scope, query }) => findEventPagesByScope(em, scope, ids, query),
          [] as Event[],
        ),
      BY_JSON,
    ),

    /** Their `totalCount`: one grouped statement per distinct filter. */
    scopedCounts: new DataLoader<ScopedCountKey, number, string>(
      (keys) =>
        batchByArguments(keys, (ids, { scope, query }) => countEventsByScope(em, scope, ids, query), 0),
      BY_JSON,
    ),
  };
}

export type EventsLoaders = ReturnType<typeof createEventsLoaders>;

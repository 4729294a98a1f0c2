import { batchByArguments, BY_JSON } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Event } from '../entities/event.entity';
import {
  countEventsByScope,
  findEventPagesByScope,
  type EventListQuery,
  type EventPageQuery,
  type EventScope,
} from '../queries/event-lists.query';

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

/** `Region.events` / `Organisation.events` pages: one statement per distinct set of arguments. */
export function scopedEventPagesLoader(em: EntityManager) {
  return new DataLoader<ScopedPageKey, Event[], string>(
    (keys) =>
      batchByArguments(
        keys,
        (ids, { scope, query }) => findEventPagesByScope(em, scope, ids, query),
        [] as Event[],
      ),
    BY_JSON,
  );
}

/** Their `totalCount`: one grouped statement per distinct filter. */
export function scopedEventCountsLoader(em: EntityManager) {
  return new DataLoader<ScopedCountKey, number, string>(
    (keys) => batchByArguments(keys, (ids, { scope, query }) => countEventsByScope(em, scope, ids, query), 0),
    BY_JSON,
  );
}

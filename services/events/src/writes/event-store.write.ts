import { assertCanWrite, executeSql, normaliseSearchText, notFound, rawSql, sql, joinSql } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Event } from '../entities/event.entity';
import type { EventsContext } from '../loaders';
import { EVENT_LINKS, type EventLink } from '../queries/event-links.query';
import { visibleEvent } from '../queries/visibility.query';
import type { EventFields } from './event-fields.write';

/** The columns of the `event` row that `fields` sets (the lists live in join tables). */
export function eventColumns(fields: EventFields) {
  const { hostRegions: _regions, organisers: _organisers, ...columns } = fields;
  return {
    ...columns,
    searchText: normaliseSearchText([fields.title, fields.summary, fields.description].join(' ')),
  };
}

/** Replaces an event's host regions or organisers (inside the write transaction, after the row exists). */
export async function replaceLinks(
  em: EntityManager,
  eventId: string,
  link: EventLink,
  values: string[],
): Promise<void> {
  const table = rawSql(EVENT_LINKS[link].table);
  const column = rawSql(EVENT_LINKS[link].column);
  await executeSql(em, sql`DELETE FROM ${table} WHERE event_id = ${eventId}`);
  if (values.length === 0) return;
  const rows = joinSql(
    values.map((value) => sql`(${eventId}, ${value})`),
    ', ',
  );
  await executeSql(em, sql`INSERT INTO ${table} (event_id, ${column}) VALUES ${rows}`);
}

/** `performWrite`'s read-back: the event as committed. */
export function loadEvent(em: EntityManager, id: string): Promise<Event> {
  return em.findOneOrFail(Event, id);
}

/**
 * The event a write targets: NOT_FOUND when it does not exist or is a draft the caller may not see (so drafts
 * stay invisible), FORBIDDEN unless the caller writes for its organisation (or is a hub admin).
 */
export async function writableEvent(id: string, context: EventsContext): Promise<Event> {
  const event = await visibleEvent(id, context);
  if (!event) throw notFound(`No event has id "${id}".`);
  assertCanWrite(context.caller, event.createdBy, ['contributor', 'editor']);
  return event;
}

/** After a write, this request's loaders must not answer from what they read before it. */
export function forgetEvent(context: EventsContext, id: string): void {
  context.loaders.eventById.clear(id);
  context.loaders.hostRegionCodes.clear(id);
  context.loaders.organiserIds.clear(id);
}

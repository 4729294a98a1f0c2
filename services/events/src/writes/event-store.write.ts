import {
  assertCanWrite,
  executeSql,
  joinSql,
  normaliseSearchText,
  notFound,
  rawSql,
  sql,
  sqlList,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Event } from '../entities/event.entity';
import type { EventsContext } from '../loaders';
import { EVENT_LINKS } from '../queries/event-links.query';
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

/** Replaces an event's host regions (inside the write transaction, after the row exists). */
export async function replaceHostRegions(em: EntityManager, eventId: string, codes: string[]): Promise<void> {
  const { table, column } = EVENT_LINKS.hostRegions;
  await executeSql(em, sql`DELETE FROM ${rawSql(table)} WHERE event_id = ${eventId}`);
  if (codes.length === 0) return;
  const rows = joinSql(
    codes.map((code) => sql`(${eventId}, ${code})`),
    ', ',
  );
  await executeSql(em, sql`INSERT INTO ${rawSql(table)} (event_id, ${rawSql(column)}) VALUES ${rows}`);
}

/**
 * Makes `named` the organisations an event names as organisers (inside the write transaction): organisations
 * no longer named are dropped; a newly named one is accepted at once when it is one of `acceptedNow` (the
 * creating organisation; everyone, for the seeded partnership events), else pending until it accepts
 * (`acceptOrganiserRole`); one named before keeps its state.
 */
export async function replaceOrganisers(
  em: EntityManager,
  eventId: string,
  named: string[],
  acceptedNow: (organisationId: string) => boolean,
): Promise<void> {
  await executeSql(
    em,
    named.length
      ? sql`DELETE FROM event_organiser WHERE event_id = ${eventId} AND organisation_id NOT IN (${sqlList(named)})`
      : sql`DELETE FROM event_organiser WHERE event_id = ${eventId}`,
  );
  if (named.length === 0) return;
  const rows = joinSql(
    named.map((organisationId) => sql`(${eventId}, ${organisationId}, ${acceptedNow(organisationId)})`),
    ', ',
  );
  await executeSql(
    em,
    sql`INSERT INTO event_organiser (event_id, organisation_id, accepted) VALUES ${rows}
      ON CONFLICT (event_id, organisation_id) DO NOTHING`,
  );
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
  context.loaders.pendingOrganiserIds.clear(id);
}

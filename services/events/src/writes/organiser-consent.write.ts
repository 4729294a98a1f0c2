import {
  assertCanWrite,
  assertVersion,
  conflict,
  executeSql,
  forbidden,
  notFound,
  performWrite,
  signInRequired,
  sql,
} from '@hub/kit';
import type { Event } from '../entities/event.entity';
import type { RespondToOrganiserRoleInput } from '../inputs/organiser-role.input';
import type { EventsContext } from '../loaders';
import { eventChanged } from './event-changed.write';
import { forgetEvent, loadEvent } from './event-store.write';

/**
 * Whether the caller may see the organisations an event names but that have not accepted: the organisations the
 * event names (the creating one, those that accepted and those pending) and hub admins. Everyone else sees
 * only accepted organisers.
 */
export function seesPendingOrganisers(
  context: EventsContext,
  event: Event,
  named: { organisers: string[]; pending: string[] },
): boolean {
  const { caller } = context;
  if (!caller.subject) return false;
  if (caller.roles.includes('admin')) return true;
  const organisationId = caller.organisationId ?? '';
  return (
    organisationId === event.createdBy ||
    named.organisers.includes(organisationId) ||
    named.pending.includes(organisationId)
  );
}

/**
 * The caller's organisation answers its naming as an organiser of event `id`: `accept` makes it an organiser
 * (listed in `Event.organisers`, so it may start the event's discussion), `decline` removes it from the event.
 * Contributors and editors of the named organisation answer; the event must still name it as pending (else
 * CONFLICT), at the version the client read. Drafts are answered like published events:
 * the named organisation may see that much of them.
 */
export async function respondToOrganiserRole(
  context: EventsContext,
  { id, version }: RespondToOrganiserRoleInput,
  answer: 'accept' | 'decline',
): Promise<Event> {
  const { caller } = context;
  if (!caller.subject) throw signInRequired();
  const organisationId = caller.organisationId ?? '';
  if (!organisationId)
    throw forbidden('Your sign-in names no organisation: the answer is your organisation’s.');
  assertCanWrite(caller, organisationId, ['contributor', 'editor']);
  const event = await context.loaders.eventById.load(id);
  const [organisers, pending] = event
    ? await Promise.all([context.loaders.organiserIds.load(id), context.loaders.pendingOrganiserIds.load(id)])
    : [[], []];
  if (!event || !seesPendingOrganisers(context, event, { organisers, pending }))
    throw notFound(`No event has id "${id}".`);
  if (!pending.includes(organisationId)) {
    throw conflict(
      `The event does not name your organisation "${organisationId}" as a pending organiser (it may have answered already).`,
    );
  }
  assertVersion(event, version, 'Event');
  const hostRegions = await context.loaders.hostRegionCodes.load(id);
  const updated = await performWrite(
    context,
    {
      entity: 'Event',
      action: `${answer}OrganiserRole`,
      input: { id, version, organisation: organisationId },
    },
    async (em) => {
      const current = await loadEvent(em, id);
      assertVersion(current, version, 'Event');
      const changed = await executeSql<{ organisation_id: string }>(
        em,
        answer === 'accept'
          ? sql`UPDATE event_organiser SET accepted = true
              WHERE event_id = ${id} AND organisation_id = ${organisationId} AND NOT accepted
              RETURNING organisation_id`
          : sql`DELETE FROM event_organiser
              WHERE event_id = ${id} AND organisation_id = ${organisationId} AND NOT accepted
              RETURNING organisation_id`,
      );
      if (changed.length === 0) throw conflict('Your organisation answered meanwhile.');
      // updatedAt always changes, so the version moves although only the join table does
      current.updatedAt = new Date();
      const changedFields = ['organisers'];
      return {
        entityId: id,
        changedFields,
        events: [
          eventChanged({
            id,
            action: 'update',
            status: current.status,
            createdBy: current.createdBy,
            changedFields,
            kind: current.kind,
            hostRegions,
            organisers: answer === 'accept' ? [...organisers, organisationId].sort() : organisers,
          }),
        ],
      };
    },
    loadEvent,
  );
  forgetEvent(context, id);
  return updated;
}

import { assertVersion, performWrite } from '@hub/kit';
import { EventStatus } from '../entities/enums';
import type { Event } from '../entities/event.entity';
import type { UpdateEventInput } from '../inputs/update-event.input';
import type { EventsContext } from '../loaders';
import { eventChanged } from './event-changed.write';
import {
  assertFieldsConsistent,
  assertNoRequiredFieldCleared,
  changedFieldNames,
  fieldsOfEvent,
  patchedFields,
} from './event-fields.write';
import { wrongStatus } from './event-status.write';
import {
  eventColumns,
  forgetEvent,
  loadEvent,
  replaceHostRegions,
  replaceOrganisers,
  writableEvent,
} from './event-store.write';
import { assertKnownToRegions } from './region-peers.write';

/**
 * Changes an event (not a cancelled one) from the version the client last read. The fields were checked by
 * `UpdateEventInput`'s decorators; the rules across fields are checked here, on the event as it would be.
 */
export async function updateEvent(context: EventsContext, input: UpdateEventInput): Promise<Event> {
  const { id, version } = input;
  assertNoRequiredFieldCleared(input, 'input');
  const event = await writableEvent(id, context);
  if (event.status === EventStatus.CANCELLED) {
    throw wrongStatus('A cancelled event cannot be changed.', event);
  }
  assertVersion(event, version, 'Event');
  const [regionCodes, organiserIds, pendingIds] = await Promise.all([
    context.loaders.hostRegionCodes.load(event.id),
    context.loaders.organiserIds.load(event.id),
    context.loaders.pendingOrganiserIds.load(event.id),
  ]);
  // `organisers` in an update is the list of organisations the event names, accepted or not
  const named = [...organiserIds, ...pendingIds].sort();
  const before = fieldsOfEvent(event, regionCodes, named);
  const after = patchedFields(before, input);
  assertFieldsConsistent(after, 'input');
  const changed = changedFieldNames(before, after);
  if (changed.length === 0) return event;
  await assertKnownToRegions(context, {
    regions: changed.includes('hostRegions') ? { 'input.hostRegions': after.hostRegions } : {},
    organisations: changed.includes('organisers') ? { 'input.organisers': after.organisers } : {},
  });
  const updated = await performWrite(
    context,
    { entity: 'Event', action: 'update', input },
    async (em) => {
      const current = await loadEvent(em, event.id);
      assertVersion(current, version, 'Event');
      // updatedAt always changes, so the version moves even when only the join tables do.
      Object.assign(current, eventColumns(after), { updatedAt: new Date() });
      await em.flush();
      if (changed.includes('hostRegions')) await replaceHostRegions(em, event.id, after.hostRegions);
      if (changed.includes('organisers'))
        await replaceOrganisers(
          em,
          event.id,
          after.organisers,
          (organisationId) => organisationId === current.createdBy,
        );
      return {
        entityId: event.id,
        changedFields: changed,
        events: [
          eventChanged({
            id: event.id,
            action: 'update',
            status: current.status,
            createdBy: current.createdBy,
            changedFields: changed,
            kind: after.kind,
            hostRegions: after.hostRegions,
            organisers: after.organisers,
          }),
        ],
      };
    },
    loadEvent,
  );
  forgetEvent(context, event.id);
  return updated;
}

import { assertVersion, conflict, performWrite } from '@hub/kit';
import { EventStatus } from '../entities/enums';
import type { Event } from '../entities/event.entity';
import type { CancelEventInput } from '../inputs/cancel-event.input';
import type { PublishEventInput } from '../inputs/publish-event.input';
import type { EventsContext } from '../loaders';
import { eventChanged } from './event-changed.write';
import { forgetEvent, loadEvent, writableEvent } from './event-store.write';

/** A state change the event's current status does not allow: CONFLICT with the status it has. */
export function wrongStatus(message: string, event: Pick<Event, 'status'>) {
  return conflict(message, { currentStatus: event.status });
}

/** DRAFT → PUBLISHED. */
export async function publishEvent(
  context: EventsContext,
  { id, version }: PublishEventInput,
): Promise<Event> {
  const event = await writableEvent(id, context);
  if (event.status !== EventStatus.DRAFT) {
    throw wrongStatus(`Only a draft can be published; this event is ${event.status}.`, event);
  }
  assertVersion(event, version, 'Event');
  return changeStatus(context, event, version, 'publish', { status: EventStatus.PUBLISHED });
}

/** PUBLISHED → CANCELLED, with a reason (a draft was never announced: it is left unpublished instead). */
export async function cancelEvent(
  context: EventsContext,
  { id, version, reason }: CancelEventInput,
): Promise<Event> {
  const event = await writableEvent(id, context);
  if (event.status !== EventStatus.PUBLISHED) {
    throw wrongStatus(
      event.status === EventStatus.DRAFT
        ? 'A draft was never announced, so it cannot be cancelled: leave it unpublished.'
        : 'This event is already cancelled.',
      event,
    );
  }
  assertVersion(event, version, 'Event');
  return changeStatus(context, event, version, 'cancel', {
    status: EventStatus.CANCELLED,
    cancellationReason: reason.trim(),
  });
}

async function changeStatus(
  context: EventsContext,
  event: Event,
  version: number,
  action: 'publish' | 'cancel',
  change: Pick<Event, 'status'> & Partial<Pick<Event, 'cancellationReason'>>,
): Promise<Event> {
  const [hostRegions, organisers] = await Promise.all([
    context.loaders.hostRegionCodes.load(event.id),
    context.loaders.organiserIds.load(event.id),
  ]);
  const updated = await performWrite(
    context,
    { entity: 'Event', action, input: { id: event.id, version, ...change } },
    async (em) => {
      const current = await loadEvent(em, event.id);
      assertVersion(current, version, 'Event');
      if (current.status !== event.status) throw wrongStatus('The event changed state meanwhile.', current);
      Object.assign(current, change, { updatedAt: new Date() });
      const changedFields = Object.keys(change);
      return {
        entityId: event.id,
        changedFields,
        events: [
          eventChanged({
            id: event.id,
            action,
            status: change.status,
            createdBy: current.createdBy,
            changedFields,
            kind: current.kind,
            hostRegions,
            organisers,
          }),
        ],
      };
    },
    loadEvent,
  );
  forgetEvent(context, event.id);
  return updated;
}

import type { Event } from '../entities/event.entity';
import type { EventsContext } from '../loaders';
import { visibleEvent } from '../queries/visibility.query';

/** `_entities` lookup of an Event: null for unknown ids and for drafts the caller may not see. */
export function resolveEventReference(
  reference: { id: string },
  context: EventsContext,
): Promise<Event | null> {
  return typeof reference.id === 'string' ? visibleEvent(reference.id, context) : Promise.resolve(null);
}

import type { DomainEvent } from '@hub/kit';
import type { EventKind, EventStatus } from '../entities/enums';

/** Bus topic of every committed write to an event (for live updates; subscribers load what they need). */
export const EVENT_CHANGED = 'events.eventChanged';

/**
 * What the bus carries: ids and what changed, never the event itself. `status` and `createdBy` let a
 * subscriber drop drafts its client may not see, and `kind`, `hostRegions` and `organisers` let it apply the
 * subscription's filter, all without a query (one event may fan out to thousands of subscribers).
 */
export interface EventChangedPayload extends Record<string, unknown> {
  id: string;
  action: 'create' | 'update' | 'publish' | 'cancel';
  status: EventStatus;
  createdBy: string;
  changedFields: string[];
  kind: EventKind;
  hostRegions: string[];
  organisers: string[];
}

export function eventChanged(payload: EventChangedPayload): DomainEvent {
  return { topic: EVENT_CHANGED, payload };
}

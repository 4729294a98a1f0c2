import type { DomainEvent } from '@hub/kit';
import type { ConsultationChangeKind, ConsultationStatus } from '../entities/enums';

/** Bus topic of every committed change to a consultation or to the number of its responses. */
export const CONSULTATION_CHANGED = 'dialogue.consultationChanged';

/**
 * What the bus carries: ids, status and counts — never a response or an answer. `organiser` and `status` let
 * a subscriber drop drafts its client may not see without a query.
 */
export interface ConsultationChangedPayload extends Record<string, unknown> {
  id: string;
  change: ConsultationChangeKind;
  status: ConsultationStatus;
  organiser: string;
  responseCount: number;
}

export function consultationChanged(payload: ConsultationChangedPayload): DomainEvent {
  return { topic: CONSULTATION_CHANGED, payload };
}

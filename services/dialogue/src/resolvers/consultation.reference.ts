import type { Consultation } from '../entities/consultation.entity';
import type { DialogueContext } from '../loaders';
import { visibleConsultation } from '../queries/visibility.query';

/** `_entities` for Consultation: null for an unknown id or a draft the caller may not see. */
export function resolveConsultationReference(
  reference: { id: string },
  context: DialogueContext,
): Promise<Consultation | null> {
  return visibleConsultation(reference.id, context);
}

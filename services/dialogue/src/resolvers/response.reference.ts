import type { Response } from '../entities/response.entity';
import type { DialogueContext } from '../loaders';
import { visibleResponse } from '../queries/visibility.query';

/** `_entities` for Response: the same rule as `response(id)` — nobody else learns it exists. */
export function resolveResponseReference(
  reference: { id: string },
  context: DialogueContext,
): Promise<Response | null> {
  return visibleResponse(reference.id, context);
}

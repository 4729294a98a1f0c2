import type { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { visibleResource } from '../queries/visibility.query';

/** `_entities` lookup of a Resource: null for unknown ids and for drafts the caller may not see. */
export function resolveResourceReference(
  reference: { id: string },
  context: LibraryContext,
): Promise<Resource | null> {
  return typeof reference.id === 'string' ? visibleResource(reference.id, context) : Promise.resolve(null);
}

import type { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';

/** `_entities` lookup of a Resource (other subgraphs may point at it by id): null for unknown ids. */
export function resolveResourceReference(
  reference: { id: string },
  context: LibraryContext,
): Promise<Resource | null> {
  return typeof reference.id === 'string'
    ? context.loaders.resourceById.load(reference.id)
    : Promise.resolve(null);
}

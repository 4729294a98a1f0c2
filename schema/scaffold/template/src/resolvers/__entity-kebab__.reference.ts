import type { __Entity__ } from '../entities/__entity-kebab__.entity';
import type { __Name__Context } from '../loaders';

/** `_entities` lookup of a __Entity__ (other subgraphs may point at it by id): null for unknown ids. */
export function resolve__Entity__Reference(
  reference: { id: string },
  context: __Name__Context,
): Promise<__Entity__ | null> {
  return typeof reference.id === 'string'
    ? context.loaders.__entity__ById.load(reference.id)
    : Promise.resolve(null);
}

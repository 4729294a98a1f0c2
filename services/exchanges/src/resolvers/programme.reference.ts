import type { Programme } from '../entities/programme.entity';
import type { ExchangesContext } from '../loaders';

/** `_entities` lookup of a Programme (other subgraphs may point at it by id): null for unknown ids. */
export function resolveProgrammeReference(
  reference: { id: string },
  context: ExchangesContext,
): Promise<Programme | null> {
  return typeof reference.id === 'string'
    ? context.loaders.programmeById.load(reference.id)
    : Promise.resolve(null);
}

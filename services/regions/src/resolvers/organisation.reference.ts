import type { Organisation } from '../entities/organisation.entity';
import type { RegionsContext } from '../loaders';

/** `_entities` lookup of an Organisation by its key. */
export function resolveOrganisationReference(
  reference: { id: string },
  context: RegionsContext,
): Promise<Organisation | null> {
  return context.loaders.organisationById.load(reference.id);
}

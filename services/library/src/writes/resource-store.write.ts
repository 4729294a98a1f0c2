import { assertCanWrite, notFound } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';

/** `performWrite`'s read-back: the resource as committed. */
export function loadResource(em: EntityManager, id: string): Promise<Resource> {
  return em.findOneOrFail(Resource, id);
}

/** The resource a change applies to, if it exists and the caller's organisation may change it. */
export async function writableResource(id: string, context: LibraryContext): Promise<Resource> {
  const found = await context.loaders.resourceById.load(id);
  if (!found) throw notFound(`No resource with id "${id}".`);
  assertCanWrite(context.caller, found.organisationId, ['contributor', 'editor']);
  return found;
}

/** The region must exist in the regions subgraph (its peer in schema/subgraphs.json). */
export function assertRegionExists(context: LibraryContext, region: string, path: string): Promise<void> {
  return context.peers.assertExist({
    subgraph: 'regions',
    typename: 'Region',
    keyField: 'code',
    keys: region,
    path,
  });
}

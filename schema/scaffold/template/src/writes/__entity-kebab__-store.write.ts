import { assertCanWrite, notFound } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { __Entity__ } from '../entities/__entity-kebab__.entity';
import type { __Name__Context } from '../loaders';

/** `performWrite`'s read-back: the __entity_words__ as committed. */
export function load__Entity__(em: EntityManager, id: string): Promise<__Entity__> {
  return em.findOneOrFail(__Entity__, id);
}

/** The __entity_words__ a change applies to, if it exists and the caller's organisation may change it. */
export async function writable__Entity__(id: string, context: __Name__Context): Promise<__Entity__> {
  const found = await context.loaders.__entity__ById.load(id);
  if (!found) throw notFound(`No __entity_words__ with id "${id}".`);
  assertCanWrite(context.caller, found.organisationId, ['contributor', 'editor']);
  return found;
}

/** The region must exist in the regions subgraph (its peer in schema/subgraphs.json). */
export function assertRegionExists(context: __Name__Context, region: string, path: string): Promise<void> {
  return context.peers.assertExist({
    subgraph: 'regions',
    typename: 'Region',
    keyField: 'code',
    keys: region,
    path,
  });
}

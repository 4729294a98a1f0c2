import { assertCanWrite, notFound } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Programme } from '../entities/programme.entity';
import type { ExchangesContext } from '../loaders';

/** `performWrite`'s read-back: the programme as committed. */
export function loadProgramme(em: EntityManager, id: string): Promise<Programme> {
  return em.findOneOrFail(Programme, id);
}

/** The programme a change applies to, if it exists and the caller's organisation may change it. */
export async function writableProgramme(id: string, context: ExchangesContext): Promise<Programme> {
  const found = await context.loaders.programmeById.load(id);
  if (!found) throw notFound(`No programme with id "${id}".`);
  assertCanWrite(context.caller, found.organisationId, ['contributor', 'editor']);
  return found;
}

/** The region must exist in the regions subgraph (its peer in schema/subgraphs.json). */
export function assertRegionExists(context: ExchangesContext, region: string, path: string): Promise<void> {
  return context.peers.assertExist({
    subgraph: 'regions',
    typename: 'Region',
    keyField: 'code',
    keys: region,
    path,
  });
}

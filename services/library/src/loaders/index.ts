import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { linkedCountLoader, linkedResourcesLoader } from './linked-resources.loader';
import { resourceByIdLoader } from './resource.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    resourceById: resourceByIdLoader(em),
    resourcesByRegion: linkedResourcesLoader(em, 'region'),
    resourceCountByRegion: linkedCountLoader(em, 'region'),
    resourcesByOrganisation: linkedResourcesLoader(em, 'organisation'),
    resourceCountByOrganisation: linkedCountLoader(em, 'organisation'),
    resourcesByEvent: linkedResourcesLoader(em, 'event'),
    resourcesByThread: linkedResourcesLoader(em, 'thread'),
  };
}

export type LibraryLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type LibraryContext = SubgraphContext<LibraryLoaders>;

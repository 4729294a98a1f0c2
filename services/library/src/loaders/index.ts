import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { resourceCountLoader } from './resource-count.loader';
import { resourceByIdLoader } from './resource.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    resourceById: resourceByIdLoader(em),
    resourceCountByRegion: resourceCountLoader(em),
  };
}

export type LibraryLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type LibraryContext = SubgraphContext<LibraryLoaders>;

import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { programmeCountLoader } from './programme-count.loader';
import { programmeByIdLoader } from './programme.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    programmeById: programmeByIdLoader(em),
    programmeCountByRegion: programmeCountLoader(em),
  };
}

export type ExchangesLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type ExchangesContext = SubgraphContext<ExchangesLoaders>;

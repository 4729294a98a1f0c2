import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { __entity__CountLoader } from './__entity-kebab__-count.loader';
import { __entity__ByIdLoader } from './__entity-kebab__.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    __entity__ById: __entity__ByIdLoader(em),
    __entity__CountByRegion: __entity__CountLoader(em),
  };
}

export type __Name__Loaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type __Name__Context = SubgraphContext<__Name__Loaders>;

import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  applicationByIdLoader,
  feedbackByPairingLoader,
  pairingByIdLoader,
  pairingsByEventLoader,
  programmeByIdLoader,
} from './records.loader';
import { scopedCountsLoader, scopedPagesLoader } from './scoped-lists.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    programmeById: programmeByIdLoader(em),
    applicationById: applicationByIdLoader(em),
    pairingById: pairingByIdLoader(em),
    feedbackByPairing: feedbackByPairingLoader(em),
    pairingsByEvent: pairingsByEventLoader(em),
    scopedPages: scopedPagesLoader(em),
    scopedCounts: scopedCountsLoader(em),
  };
}

export type ExchangesLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type ExchangesContext = SubgraphContext<ExchangesLoaders>;

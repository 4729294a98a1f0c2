import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { observationContextLoader } from './context.loader';
import { contributionCountLoader, contributionsLoader } from './contribution.loader';
import { indicatorByCodeLoader } from './indicator.loader';
import {
  historyByObservationIdLoader,
  indicatorValuesLoader,
  latestObservationLoader,
} from './observation.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    indicatorByCode: indicatorByCodeLoader(em),
    indicatorValues: indicatorValuesLoader(em),
    latest: latestObservationLoader(em),
    historyByObservationId: historyByObservationIdLoader(em),
    contributions: contributionsLoader(em),
    contributionCount: contributionCountLoader(em),
    observationContext: observationContextLoader(em),
  };
}

export type IndicatorsLoaders = ReturnType<typeof createLoaders>;

/** What every resolver of this subgraph receives. */
export type IndicatorsContext = SubgraphContext<IndicatorsLoaders>;

import type { SubgraphContext } from '@hub/kit';
import type { RegionsLoaders } from '../loaders/loaders';

export type RegionsContext = SubgraphContext<RegionsLoaders>;

import type { SubgraphContext } from '@hub/kit';
import type { IndicatorsLoaders } from '../loaders/loaders';

export type IndicatorsContext = SubgraphContext<IndicatorsLoaders>;

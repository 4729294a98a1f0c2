import { startSubgraph, type RunningSubgraph, type SubgraphConfig } from '@hub/kit';
import { indicatorsSubgraph } from './indicators.subgraph';

/** Starts the indicators subgraph (migrations, first-start seed, HTTP server). Used by main.ts and by tests. */
export function createIndicatorsServer(config: SubgraphConfig): Promise<RunningSubgraph> {
  return startSubgraph(indicatorsSubgraph, config);
}

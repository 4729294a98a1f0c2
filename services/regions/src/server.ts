import { startSubgraph, type RunningSubgraph, type SubgraphConfig } from '@hub/kit';
import { regionsSubgraph } from './regions.subgraph';

/** Starts the regions subgraph (migrations, first-start seed, HTTP server). Used by main.ts and by tests. */
export function createRegionsServer(config: SubgraphConfig): Promise<RunningSubgraph> {
  return startSubgraph(regionsSubgraph, config);
}

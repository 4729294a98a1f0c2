import { startSubgraph, type RunningSubgraph, type SubgraphConfig } from '@hub/kit';
import { eventsSubgraph } from './events.subgraph';

/** Starts the events subgraph (migrations, first-start seed, HTTP server). Used by main.ts and by tests. */
export function createEventsServer(config: SubgraphConfig): Promise<RunningSubgraph> {
  return startSubgraph(eventsSubgraph, config);
}

import { subgraphConfigFromEnv, type SubgraphConfig } from '@hub/kit';

/** Reads the events subgraph's environment once (see .env.example). */
export function eventsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return subgraphConfigFromEnv({ name: 'events', defaultPort: 4002, peers: ['regions'] }, env);
}

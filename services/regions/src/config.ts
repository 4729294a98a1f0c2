import { subgraphConfigFromEnv, type SubgraphConfig } from '@hub/kit';

/** Reads the regions subgraph's environment once (see .env.example). */
export function regionsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, env);
}

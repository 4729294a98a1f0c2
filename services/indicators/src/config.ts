import { subgraphConfigFromEnv, type SubgraphConfig } from '@hub/kit';

/**
 * Reads the indicators subgraph's environment once (see .env.example); `REGIONS_SUBGRAPH_URL` lets
 * contributions be checked against the regions that exist.
 */
export function indicatorsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return subgraphConfigFromEnv({ name: 'indicators', defaultPort: 4004, peers: ['regions'] }, env);
}

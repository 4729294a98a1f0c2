import { parseEnv, subgraphEnvSchema, z, type SubgraphConfig } from '@hub/kit';

/** Reads the indicators subgraph's environment once (see .env.example). */
export function indicatorsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const parsed = parseEnv(
    subgraphEnvSchema.extend({
      PORT: subgraphEnvSchema.shape.PORT.default(4004),
      REGIONS_SUBGRAPH_URL: z.string().url().optional(),
    }),
    env,
  );
  if (!parsed.DATABASE_URL) {
    throw new Error(
      'Invalid environment:\n  DATABASE_URL: required (the PostgreSQL server the subgraph uses)',
    );
  }
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    databaseServerUrl: parsed.DATABASE_URL,
    databaseName: parsed.DATABASE_NAME ?? 'hub_indicators',
    internalTokenSecret: parsed.INTERNAL_TOKEN_SECRET,
    logLevel: parsed.LOG_LEVEL,
    ...(parsed.REGIONS_SUBGRAPH_URL ? { peers: { regions: parsed.REGIONS_SUBGRAPH_URL } } : {}),
  };
}

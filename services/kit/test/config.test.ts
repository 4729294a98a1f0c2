import { describe, expect, it } from 'vitest';
import { subgraphConfigFromEnv } from '../src/runtime/config';

const SECRET = 'x'.repeat(40);

describe('subgraph configuration from the environment', () => {
  it('fills defaults and reads peers from <PEER>_SUBGRAPH_URL', () => {
    const config = subgraphConfigFromEnv(
      { name: 'indicators', defaultPort: 4004, peers: ['regions'] },
      {
        DATABASE_URL: 'postgres://u@db:5432/postgres',
        INTERNAL_TOKEN_SECRET: SECRET,
        REGIONS_SUBGRAPH_URL: 'http://regions:4001/graphql',
      },
    );
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 4004,
      databaseServerUrl: 'postgres://u@db:5432/postgres',
      databaseName: 'hub_indicators',
      internalTokenSecret: SECRET,
      logLevel: 'info',
      peers: { regions: 'http://regions:4001/graphql' },
    });
  });

  it('takes REDIS_URL for the event bus when set', () => {
    const env = { DATABASE_URL: 'postgres://u@db:5432/postgres', INTERNAL_TOKEN_SECRET: SECRET };
    expect(subgraphConfigFromEnv({ name: 'events', defaultPort: 4002 }, env).redisUrl).toBeUndefined();
    expect(
      subgraphConfigFromEnv(
        { name: 'events', defaultPort: 4002 },
        { ...env, REDIS_URL: 'redis://cache:6379' },
      ).redisUrl,
    ).toBe('redis://cache:6379');
    expect(() =>
      subgraphConfigFromEnv({ name: 'events', defaultPort: 4002 }, { ...env, REDIS_URL: 'not a url' }),
    ).toThrow(/REDIS_URL/);
  });

  it('names every missing or bad variable at once', () => {
    expect(() =>
      subgraphConfigFromEnv(
        { name: 'regions', defaultPort: 4001 },
        { PORT: 'seventy', INTERNAL_TOKEN_SECRET: 'short' },
      ),
    ).toThrow(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
    expect(() => subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, {})).toThrow(
      /INTERNAL_TOKEN_SECRET/,
    );
  });
});

describe('production mode', () => {
  const env = {
    DATABASE_URL: 'postgres://db:5432/postgres',
    INTERNAL_TOKEN_SECRET: 'local-only-internal-token-secret-change-me-0001',
  };
  it('refuses a placeholder internal key in production only', () => {
    expect(subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, env).internalTokenSecret).toBe(
      env.INTERNAL_TOKEN_SECRET,
    );
    expect(() =>
      subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, { ...env, NODE_ENV: 'production' }),
    ).toThrow(/INTERNAL_TOKEN_SECRET: a placeholder/);
    expect(
      subgraphConfigFromEnv(
        { name: 'regions', defaultPort: 4001 },
        { ...env, NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'a'.repeat(40) },
      ).internalTokenSecret,
    ).toBe('a'.repeat(40));
  });
});

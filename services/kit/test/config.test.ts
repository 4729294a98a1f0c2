import { describe, expect, it } from 'vitest';
import { subgraphConfigFromEnv } from '../src/runtime/config';
import { generateInternalKeyPair } from '../src/writes/internal-keys';

const GATEWAY = generateInternalKeyPair();
const OWN = generateInternalKeyPair();
const EVENTS = generateInternalKeyPair();

describe('subgraph configuration from the environment', () => {
  it('fills defaults, reads peers from <PEER>_SUBGRAPH_URL and parses the internal keys', () => {
    const config = subgraphConfigFromEnv(
      { name: 'indicators', defaultPort: 4004, peers: ['regions'] },
      {
        DATABASE_URL: 'postgres://u@db:5432/postgres',
        INTERNAL_VERIFY_KEYS: GATEWAY.publicKey,
        INTERNAL_SIGNING_KEY: OWN.privateKey,
        PEER_KEYS: JSON.stringify({ events: JSON.parse(EVENTS.publicKey) }),
        REGIONS_SUBGRAPH_URL: 'http://regions:4001/graphql',
      },
    );
    const { internalKeys, ...rest } = config;
    expect(rest).toEqual({
      host: '0.0.0.0',
      port: 4004,
      databaseServerUrl: 'postgres://u@db:5432/postgres',
      databaseName: 'hub_indicators',
      logLevel: 'info',
      peers: { regions: 'http://regions:4001/graphql' },
    });
    expect(internalKeys.gatewayKeys.map((key) => key.export({ format: 'jwk' }))).toEqual([
      JSON.parse(GATEWAY.publicKey),
    ]);
    expect(internalKeys.signingKey?.export({ format: 'jwk' })).toEqual(JSON.parse(OWN.privateKey));
    expect(internalKeys.peerKeys?.events?.[0]?.export({ format: 'jwk' })).toEqual(
      JSON.parse(EVENTS.publicKey),
    );
  });

  it('takes REDIS_URL for the event bus when set', () => {
    const env = { DATABASE_URL: 'postgres://u@db:5432/postgres', INTERNAL_VERIFY_KEYS: GATEWAY.publicKey };
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
        { PORT: 'seventy', INTERNAL_VERIFY_KEYS: 'short' },
      ),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*INTERNAL_VERIFY_KEYS|DATABASE_URL[\s\S]*PORT/);
    expect(() => subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, {})).toThrow(
      /INTERNAL_VERIFY_KEYS: required/,
    );
  });

  it('refuses a private key as verification key, a non-Ed25519 key, and a peer URL without a signing key', () => {
    const env = { DATABASE_URL: 'postgres://u@db:5432/postgres' };
    const regions = { name: 'events', defaultPort: 4002, peers: ['regions'] };
    expect(() =>
      subgraphConfigFromEnv(regions, { ...env, INTERNAL_VERIFY_KEYS: GATEWAY.privateKey }),
    ).toThrow(/INTERNAL_VERIFY_KEYS: .*private key/);
    expect(() =>
      subgraphConfigFromEnv(regions, {
        ...env,
        INTERNAL_VERIFY_KEYS: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0' }),
      }),
    ).toThrow(/INTERNAL_VERIFY_KEYS/);
    expect(() =>
      subgraphConfigFromEnv(regions, {
        ...env,
        INTERNAL_VERIFY_KEYS: GATEWAY.publicKey,
        REGIONS_SUBGRAPH_URL: 'http://regions:4001/graphql',
      }),
    ).toThrow(/INTERNAL_SIGNING_KEY: required with REGIONS_SUBGRAPH_URL/);
    expect(() =>
      subgraphConfigFromEnv(regions, { ...env, INTERNAL_VERIFY_KEYS: GATEWAY.publicKey, PEER_KEYS: '["x"]' }),
    ).toThrow(/PEER_KEYS/);
  });
});

describe('production mode', () => {
  const example = { ...JSON.parse(GATEWAY.publicKey), kid: 'local-example-change-me' };
  const env = { DATABASE_URL: 'postgres://db:5432/postgres', INTERNAL_VERIFY_KEYS: JSON.stringify(example) };
  it('refuses an example key (marked change-me) in production only', () => {
    expect(
      subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, env).internalKeys.gatewayKeys,
    ).toHaveLength(1);
    expect(() =>
      subgraphConfigFromEnv({ name: 'regions', defaultPort: 4001 }, { ...env, NODE_ENV: 'production' }),
    ).toThrow(/INTERNAL_VERIFY_KEYS: a placeholder/);
    expect(
      subgraphConfigFromEnv(
        { name: 'regions', defaultPort: 4001 },
        { ...env, NODE_ENV: 'production', INTERNAL_VERIFY_KEYS: GATEWAY.publicKey },
      ).internalKeys.gatewayKeys,
    ).toHaveLength(1);
  });

  it('refuses to start without the gateway public key', () => {
    expect(() =>
      subgraphConfigFromEnv(
        { name: 'regions', defaultPort: 4001 },
        { DATABASE_URL: 'postgres://db:5432/postgres', NODE_ENV: 'production' },
      ),
    ).toThrow(/INTERNAL_VERIFY_KEYS: required/);
  });
});

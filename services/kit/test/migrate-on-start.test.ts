import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase } from '../src/data/database';
import { defineSubgraph } from '../src/runtime/definition';
import { startSubgraph } from '../src/runtime/server';
import { createTestDatabase, postGraphQL, internalTokenHeaders, testInternalKeys } from '../src/testing';

@Resolver()
class Ping {
  @Query(() => String, { description: 'Answers pong.' })
  ping(): string {
    return 'pong';
  }
}

const pinger = defineSubgraph({
  name: 'pinger',
  entities: [
    new EntitySchema({
      name: 'PingerRow',
      tableName: 'pinger_row',
      properties: { id: { type: 'number', primary: true } },
    }),
  ],
  migrations: [],
  resolvers: [Ping],
  loaders: () => ({}),
});

describe('MIGRATE_ON_START=false (migrations as a separate Job)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const config = () => ({
    port: 0,
    host: '127.0.0.1',
    databaseServerUrl: inject('databaseServerUrl'),
    databaseName: database.name,
    logLevel: 'silent' as const,
    internalKeys: testInternalKeys('pinger'),
  });

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseServerUrl'), 'pinger');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('refuses to start on a database with pending migrations, naming the migrate command', async () => {
    await ensureDatabase(inject('databaseServerUrl'), database.name); // created, not migrated
    await expect(startSubgraph(pinger, { ...config(), migrateOnStart: false })).rejects.toThrow(
      /pending migration[\s\S]*hub-subgraph migrate/,
    );
  });

  it('serves without touching the schema once the database is migrated', async () => {
    const migrated = await startSubgraph(pinger, config()); // as `hub-subgraph migrate` would
    await migrated.stop();
    const server = await startSubgraph(pinger, { ...config(), migrateOnStart: false });
    try {
      const { body } = await postGraphQL(
        server.url,
        '{ ping }',
        {},
        await internalTokenHeaders(undefined, 'pinger'),
      );
      expect(body).toEqual({ data: { ping: 'pong' } });
    } finally {
      await server.stop();
    }
  });
});

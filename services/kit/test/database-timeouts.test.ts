import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineSubgraph, SERVING_DATABASE_TIMEOUTS } from '../src';
import { startTestSubgraph, type TestSubgraph } from '../src/testing';

@Resolver()
class PingResolver {
  @Query(() => Boolean, { description: 'Always true.' })
  ping(): boolean {
    return true;
  }
}

const definition = defineSubgraph({
  name: 'timeouts',
  entities: [
    new EntitySchema({
      name: 'TimeoutsUnused',
      tableName: 'timeouts_unused',
      properties: { id: { type: 'number', primary: true } },
    }),
  ],
  migrations: [],
  resolvers: [PingResolver],
  loaders: () => ({}),
});

async function setting(server: TestSubgraph, name: string): Promise<string> {
  const [row] = await server.orm.em
    .fork()
    .getConnection()
    .execute<Array<Record<string, string>>>(`SHOW ${name}`);
  return Object.values(row!)[0]!;
}

describe('PostgreSQL session limits of a serving subgraph', () => {
  let server: TestSubgraph;
  let bounded: TestSubgraph;
  beforeAll(async () => {
    server = await startTestSubgraph(definition, inject('databaseServerUrl'));
    bounded = await startTestSubgraph(definition, inject('databaseServerUrl'), {
      databaseTimeouts: { statementMs: 200, idleInTransactionMs: 1_000 },
    });
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), bounded?.stop()]);
  });

  it('sets statement_timeout and idle_in_transaction_session_timeout on its connections', async () => {
    expect(SERVING_DATABASE_TIMEOUTS).toEqual({ statementMs: 30_000, idleInTransactionMs: 60_000 });
    expect(await setting(server, 'statement_timeout')).toBe('30s');
    expect(await setting(server, 'idle_in_transaction_session_timeout')).toBe('1min');
  });

  it('cancels a statement that runs longer, and the pool goes on serving', async () => {
    await expect(bounded.orm.em.fork().getConnection().execute('SELECT pg_sleep(1)')).rejects.toThrow(
      /statement timeout/,
    );
    expect(await setting(bounded, 'statement_timeout')).toBe('200ms');
    const answer = await bounded.query('{ ping }');
    expect(answer.body.data).toEqual({ ping: true });
  });
});

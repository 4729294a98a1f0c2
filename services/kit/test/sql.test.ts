import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initOrm } from '../src/data/orm';
import { executeSql, joinSql, rawSql, regionAndDescendantsSql, sql, sqlList } from '../src/data/sql';
import { createLogger } from '../src/runtime/logger';
import { createTestDatabase } from '../src/testing';

const PlaceSchema = new EntitySchema<{ code: string }>({
  name: 'Place',
  tableName: 'place',
  properties: { code: { type: 'string', primary: true } },
});

const CODES = ['FR', 'FR1', 'FR10', 'FRH', 'FRH0', 'FRH01', 'FI1', 'DE', 'DE3', 'DE30', 'F', 'XFR1'];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let orm: MikroORM<PostgreSqlDriver>;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'), 'kit_sql');
  orm = await initOrm({
    clientUrl: database.url,
    entities: [PlaceSchema],
    migrations: [],
    logger: createLogger('kit-sql-test', 'silent'),
  });
  const em = orm.em.fork();
  await em.execute('CREATE TABLE place (code text PRIMARY KEY)');
  await em.execute('CREATE INDEX place_code_pattern ON place (code text_pattern_ops)');
  await executeSql(
    em,
    sql`INSERT INTO place (code) VALUES ${joinSql(
      CODES.map((code) => sql`(${code})`),
      ', ',
    )}`,
  );
  await em.execute('ANALYZE place');
});

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

const codesOf = (rows: Array<{ code: string }>) => rows.map((row) => row.code);

describe('the sql idiom', () => {
  it('binds every value as a parameter, inlines fragments with theirs, and refuses arrays as one value', () => {
    const query = sql`SELECT * FROM place WHERE code = ${"FR'; DROP TABLE place; --"} AND ${rawSql('TRUE')} AND code IN (${sqlList(['A', 'B'])})`;
    expect(query.text).toBe('SELECT * FROM place WHERE code = ? AND TRUE AND code IN (?, ?)');
    expect(query.params).toEqual(["FR'; DROP TABLE place; --", 'A', 'B']);
    expect(() => sql`code IN (${['A', 'B']})`).toThrow(/sqlList/);
    expect(joinSql([], ' AND ').text).toBe('TRUE');
  });

  it('executeSql runs a fragment and returns its rows', async () => {
    const rows = await executeSql<{ code: string }>(
      orm.em.fork(),
      sql`SELECT code FROM place WHERE code IN (${sqlList(['DE', 'FR', 'NOPE'])}) ORDER BY code`,
    );
    expect(codesOf(rows)).toEqual(['DE', 'FR']);
  });
});

describe('regionAndDescendantsSql', () => {
  it('matches a region and every NUTS descendant, nothing that merely contains or precedes the code', async () => {
    const select = (code: string) =>
      executeSql<{ code: string }>(
        orm.em.fork(),
        sql`SELECT code FROM place WHERE ${regionAndDescendantsSql(rawSql('code'), code)} ORDER BY code`,
      );
    expect(codesOf(await select('FR'))).toEqual(['FR', 'FR1', 'FR10', 'FRH', 'FRH0', 'FRH01']);
    expect(codesOf(await select('FRH0'))).toEqual(['FRH0', 'FRH01']);
    expect(codesOf(await select('DE30'))).toEqual(['DE30']);
    expect(codesOf(await select('EL'))).toEqual([]);
  });

  it('refuses anything but a NUTS code (it is inlined as a constant pattern)', () => {
    for (const code of ["FR'", 'fr', 'FR%', 'F_', 'FRANCE']) {
      expect(() => regionAndDescendantsSql(rawSql('code'), code)).toThrow(/Not a NUTS code/);
    }
  });

  it('is served by a text_pattern_ops index', async () => {
    const plan = await orm.em.fork().transactional(async (em) => {
      await em.execute('SET LOCAL enable_seqscan = off');
      const query = sql`EXPLAIN SELECT code FROM place WHERE ${regionAndDescendantsSql(rawSql('code'), 'FRH')}`;
      return executeSql<{ 'QUERY PLAN': string }>(em, query);
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('place_code_pattern');
    expect(text).toMatch(/code ~>=~ 'FRH'::text/);
  });

  it('takes a per-row key (a batched loader’s VALUES list) and matches the same rows per key', async () => {
    const keys = ['FR1', 'FRH0', 'DE', 'EL'];
    const rows = await executeSql<{ key: string; code: string }>(
      orm.em.fork(),
      sql`SELECT k.key, p.code
          FROM (VALUES ${joinSql(
            keys.map((key) => sql`(${key})`),
            ', ',
          )}) AS k(key)
          JOIN place p ON ${regionAndDescendantsSql(rawSql('p.code'), rawSql('k.key'))}
          ORDER BY k.key, p.code`,
    );
    expect(rows.map((row) => `${row.key}>${row.code}`)).toEqual([
      'DE>DE',
      'DE>DE3',
      'DE>DE30',
      'FR1>FR1',
      'FR1>FR10',
      'FRH0>FRH0',
      'FRH0>FRH01',
    ]);
  });
});

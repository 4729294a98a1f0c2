import {
  decodeCursor,
  executeSql,
  joinSql,
  sql,
  sqlList,
  toPage,
  validateFirst,
  type ConnectionShape,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { __Entity__ } from '../entities/__entity-kebab__.entity';
import type { __Entity__ListArgs } from '../inputs/__entity-kebab__-list.input';

interface __Entity__Row {
  id: string;
  title: string;
  region_code: string;
  organisation_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A page of __entities_words__, oldest first (`createdAt`, then `id`), optionally of one region. */
export async function __entity__Page(
  em: EntityManager,
  args: __Entity__ListArgs,
): Promise<ConnectionShape<__Entity__>> {
  const first = validateFirst(args.first);
  const filter = args.region ? sql`region_code = ${args.region}` : sql`TRUE`;
  const conditions = [filter];
  if (args.after) {
    const [createdAt, id] = decodeCursor(args.after, 2);
    conditions.push(sql`(created_at, id) > (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await executeSql<__Entity__Row>(
    em,
    sql`SELECT * FROM __entity_table__ WHERE ${joinSql(conditions, ' AND ')}
        ORDER BY created_at, id LIMIT ${first + 1}`,
  );
  const entities = rows.map((row) => em.map(__Entity__, row));
  return {
    ...toPage(entities, first, Boolean(args.after), (row) => [row.createdAt.toISOString(), row.id]),
    countTotal: async () => {
      const [row] = await executeSql<{ n: string }>(
        em,
        sql`SELECT count(*) AS n FROM __entity_table__ WHERE ${filter}`,
      );
      return Number(row?.n ?? 0);
    },
  };
}

/** The number of __entities_words__ per region code, for the given codes (regions without any are left out). */
export async function count__Entities__ByRegion(
  em: EntityManager,
  regionCodes: string[],
): Promise<Map<string, number>> {
  const rows = await executeSql<{ region_code: string; n: string }>(
    em,
    sql`SELECT region_code, count(*) AS n FROM __entity_table__
        WHERE region_code IN (${sqlList(regionCodes)}) GROUP BY region_code`,
  );
  return new Map(rows.map((row) => [row.region_code, Number(row.n)]));
}

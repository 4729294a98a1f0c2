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
import { Programme } from '../entities/programme.entity';
import type { ProgrammeListArgs } from '../inputs/programme-list.input';

interface ProgrammeRow {
  id: string;
  title: string;
  region_code: string;
  organisation_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A page of programmes, oldest first (`createdAt`, then `id`), optionally of one region. */
export async function programmePage(
  em: EntityManager,
  args: ProgrammeListArgs,
): Promise<ConnectionShape<Programme>> {
  const first = validateFirst(args.first);
  const filter = args.region ? sql`region_code = ${args.region}` : sql`TRUE`;
  const conditions = [filter];
  if (args.after) {
    const [createdAt, id] = decodeCursor(args.after, 2);
    conditions.push(sql`(created_at, id) > (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await executeSql<ProgrammeRow>(
    em,
    sql`SELECT * FROM programme WHERE ${joinSql(conditions, ' AND ')}
        ORDER BY created_at, id LIMIT ${first + 1}`,
  );
  const entities = rows.map((row) => em.map(Programme, row));
  return {
    ...toPage(entities, first, Boolean(args.after), (row) => [row.createdAt.toISOString(), row.id]),
    countTotal: async () => {
      const [row] = await executeSql<{ n: string }>(
        em,
        sql`SELECT count(*) AS n FROM programme WHERE ${filter}`,
      );
      return Number(row?.n ?? 0);
    },
  };
}

/** The number of programmes per region code, for the given codes (regions without any are left out). */
export async function countProgrammesByRegion(
  em: EntityManager,
  regionCodes: string[],
): Promise<Map<string, number>> {
  const rows = await executeSql<{ region_code: string; n: string }>(
    em,
    sql`SELECT region_code, count(*) AS n FROM programme
        WHERE region_code IN (${sqlList(regionCodes)}) GROUP BY region_code`,
  );
  return new Map(rows.map((row) => [row.region_code, Number(row.n)]));
}

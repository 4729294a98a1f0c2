import { executeSql, rawSql, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Prefix lengths of the cells: 0 = overall, 2 = country, 3 = NUTS 1, 4 = NUTS 2. */
export const CELL_CODE_LENGTHS = [0, 2, 3, 4] as const;

/** `(0), (2), (3), (4)`: constants of this module, never input. */
const CELL_LENGTHS_SQL = rawSql(CELL_CODE_LENGTHS.map((length) => `(${length})`).join(', '));

/** One aggregate cell as computed by SQL, before suppression. */
export interface RawCell {
  consultationId: string;
  questionId: string;
  /** Length of the region code of the cell (0 for overall). */
  codeLength: number;
  /** The region code ('' for overall). */
  area: string;
  answerCount: number;
  /** Answers given for the cell's region itself (not for a region within it). */
  ownAnswerCount: number;
  mean: number | null;
  /** Answers per option (scale points as "1" … "5"). */
  distribution: Record<string, number>;
}

interface CellRow {
  consultation_id: string;
  question_id: string;
  len: number;
  area: string;
  n: string;
  own: string;
  mean: number | null;
  distribution: Record<string, string | number> | null;
}

/**
 * Every aggregate cell of the given consultations (submitted responses only), at every level, in ONE
 * statement whatever the number of regions, responses or questions: answers are fanned out to their prefixes
 * (overall, country, NUTS 1, NUTS 2 — a NUTS code's parent is the code minus its last character, so no list of
 * regions is needed), then grouped. FREE_TEXT answers contribute counts only, never their text.
 */
export async function aggregateCells(
  em: EntityManager,
  consultationIds: readonly string[],
): Promise<RawCell[]> {
  if (consultationIds.length === 0) return [];
  const rows = await executeSql<CellRow>(
    em,
    sql`WITH answered AS (
          SELECT r.consultation_id, a.question_id, r.territory, q.kind, a.scale, a.number, a.choices
          FROM answer a
          JOIN response r ON r.id = a.response_id
          JOIN question q ON q.id = a.question_id
          WHERE r.status = 'SUBMITTED' AND r.consultation_id IN (${sqlList(consultationIds)})
        ), scoped AS (
          SELECT x.*, l.len, left(x.territory, l.len) AS area
          FROM answered x CROSS JOIN (VALUES ${CELL_LENGTHS_SQL}) AS l(len)
          WHERE length(x.territory) >= l.len
        ), cells AS (
          SELECT consultation_id, question_id, len, area, count(*) AS n,
                 count(*) FILTER (WHERE length(territory) = len) AS own,
                 avg(CASE kind WHEN 'SCALE' THEN scale::float8 WHEN 'NUMBER' THEN number END) AS mean
          FROM scoped GROUP BY consultation_id, question_id, len, area
        ), options AS (
          SELECT s.question_id, s.len, s.area, o.option, count(*) AS n
          FROM scoped s
          CROSS JOIN LATERAL unnest(CASE s.kind
            WHEN 'SCALE' THEN ARRAY[s.scale::text]
            WHEN 'SINGLE_CHOICE' THEN s.choices
            WHEN 'MULTIPLE_CHOICE' THEN s.choices
            ELSE ARRAY[]::text[] END) AS o(option)
          GROUP BY s.question_id, s.len, s.area, o.option
        ), distributions AS (
          SELECT question_id, len, area, jsonb_object_agg(option, n) AS distribution
          FROM options GROUP BY question_id, len, area
        )
        SELECT c.consultation_id, c.question_id, c.len, c.area, c.n, c.own, c.mean, d.distribution
        FROM cells c LEFT JOIN distributions d USING (question_id, len, area)`,
  );
  return rows.map((row) => ({
    consultationId: row.consultation_id,
    questionId: row.question_id,
    codeLength: Number(row.len),
    area: row.area,
    answerCount: Number(row.n),
    ownAnswerCount: Number(row.own),
    mean: row.mean === null ? null : Number(row.mean),
    distribution: Object.fromEntries(
      Object.entries(row.distribution ?? {}).map(([option, count]) => [option, Number(count)]),
    ),
  }));
}

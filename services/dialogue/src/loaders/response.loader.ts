import { executeSql, groupInKeyOrder, oneInKeyOrder, sql, sqlList, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { answerOf, type Answer, type AnswerRow } from '../entities/answer.type';
import { Response } from '../entities/response.entity';

/** Responses by id, whatever their visibility (callers check it); a malformed id is not found. */
export function responseByIdLoader(em: EntityManager) {
  return new DataLoader<string, Response | null>(async (ids) => {
    const valid = ids.filter((id) => UUID_PATTERN.test(id)).map((id) => id.toLowerCase());
    const rows = valid.length ? await em.find(Response, { id: { $in: valid } }) : [];
    return oneInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.id,
    );
  });
}

/** The answers of each response, in question order. */
export function answersByResponseLoader(em: EntityManager) {
  return new DataLoader<string, Answer[]>(async (ids) => {
    const rows = await executeSql<AnswerRow & { position: number }>(
      em,
      sql`SELECT a.*, q.position FROM answer a JOIN question q ON q.id = a.question_id
          WHERE a.response_id IN (${sqlList(ids)}) ORDER BY a.response_id, q.position`,
    );
    return groupInKeyOrder(ids, rows, (row) => row.response_id).map((group) => group.map(answerOf));
  });
}

import { executeSql, groupInKeyOrder, oneInKeyOrder, sql, sqlList, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Consultation } from '../entities/consultation.entity';
import { Question } from '../entities/question.entity';

function validIds(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID_PATTERN.test(id)).map((id) => id.toLowerCase());
}

/** Consultations by id, whatever their status (callers check visibility); a malformed id is not found. */
export function consultationByIdLoader(em: EntityManager) {
  return new DataLoader<string, Consultation | null>(async (ids) => {
    const valid = validIds(ids);
    const rows = valid.length ? await em.find(Consultation, { id: { $in: valid } }) : [];
    return oneInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.id,
    );
  });
}

/** The questions of each consultation, in order. */
export function questionsByConsultationLoader(em: EntityManager) {
  return new DataLoader<string, Question[]>(async (ids) => {
    const valid = validIds(ids);
    const rows = valid.length
      ? await em.find(Question, { consultationId: { $in: valid } }, { orderBy: { position: 'asc' } })
      : [];
    return groupInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.consultationId,
    );
  });
}

/** Questions by id. */
export function questionByIdLoader(em: EntityManager) {
  return new DataLoader<string, Question | null>(async (ids) => {
    const valid = validIds(ids);
    const rows = valid.length ? await em.find(Question, { id: { $in: valid } }) : [];
    return oneInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.id,
    );
  });
}

/** Submitted responses per consultation (public: a count says nothing of what was answered). */
export function responseCountLoader(em: EntityManager) {
  return new DataLoader<string, number>(async (ids) => {
    const valid = validIds(ids);
    const rows = valid.length
      ? await executeSql<{ consultation_id: string; n: string }>(
          em,
          sql`SELECT consultation_id, count(*) AS n FROM response
              WHERE status = 'SUBMITTED' AND consultation_id IN (${sqlList(valid)})
              GROUP BY consultation_id`,
        )
      : [];
    const counts = new Map(rows.map((row) => [row.consultation_id, Number(row.n)]));
    return ids.map((id) => counts.get(id.toLowerCase()) ?? 0);
  });
}

/** Consultations linked to each event (any status: callers filter by visibility). */
export function consultationsByEventLoader(em: EntityManager) {
  return new DataLoader<string, Consultation[]>(async (ids) => {
    const valid = validIds(ids);
    const rows = valid.length
      ? await em.find(Consultation, { eventId: { $in: valid } }, { orderBy: { closesAt: 'desc', id: 'asc' } })
      : [];
    return groupInKeyOrder(
      ids.map((id) => id.toLowerCase()),
      rows,
      (row) => row.eventId!,
    );
  });
}

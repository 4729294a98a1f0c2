import { assertCanWrite, executeSql, notFound, sql, type Role } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Consultation } from '../entities/consultation.entity';
import { Question } from '../entities/question.entity';
import type { DialogueContext } from '../loaders';
import { visibleConsultation } from '../queries/visibility.query';
import type { QuestionColumns } from './question.write';

/** `performWrite`'s read-back: the consultation as committed. */
export function loadConsultation(em: EntityManager, id: string): Promise<Consultation> {
  return em.findOneOrFail(Consultation, id);
}

/**
 * The consultation a write targets: NOT_FOUND when it does not exist or is a draft the caller may not see,
 * FORBIDDEN unless the caller holds one of `roles` in the organiser (or is a hub admin).
 */
export async function writableConsultation(
  id: string,
  context: DialogueContext,
  roles: Role[],
): Promise<Consultation> {
  const consultation = await visibleConsultation(id, context);
  if (!consultation) throw notFound(`No consultation has id "${id}".`);
  assertCanWrite(context.caller, consultation.organiser, roles);
  return consultation;
}

/** Replaces the questions of a consultation (inside the write transaction). */
export async function replaceQuestions(
  em: EntityManager,
  consultationId: string,
  questions: QuestionColumns[],
  newId: () => string,
): Promise<void> {
  await executeSql(em, sql`DELETE FROM question WHERE consultation_id = ${consultationId}`);
  questions.forEach((columns, index) =>
    em.create(Question, { id: newId(), consultationId, position: index + 1, ...columns }),
  );
}

/** Submitted responses of a consultation, inside a write transaction (for the change message). */
export async function countResponses(em: EntityManager, consultationId: string): Promise<number> {
  const [row] = await executeSql<{ n: string }>(
    em,
    sql`SELECT count(*) AS n FROM response WHERE consultation_id = ${consultationId} AND status = 'SUBMITTED'`,
  );
  return Number(row?.n ?? 0);
}

/** After a write, this request's loaders must not answer from what they read before it. */
export function forgetConsultation(context: DialogueContext, id: string): void {
  context.loaders.consultationById.clear(id);
  context.loaders.questionsByConsultation.clear(id);
  context.loaders.responseCount.clear(id);
  context.loaders.resultCells.clear(id);
}

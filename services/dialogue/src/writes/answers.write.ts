import { executeSql, joinSql, sql, sqlList, type FieldError } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnswerRow } from '../entities/answer.type';
import { QuestionKind } from '../entities/enums';
import type { Question } from '../entities/question.entity';
import type { AnswerInput } from '../inputs/response.input';

/** The answer field each kind takes. */
const FIELD_OF: Record<QuestionKind, keyof Omit<AnswerInput, 'question'>> = {
  [QuestionKind.SCALE]: 'scale',
  [QuestionKind.SINGLE_CHOICE]: 'choices',
  [QuestionKind.MULTIPLE_CHOICE]: 'choices',
  [QuestionKind.NUMBER]: 'number',
  [QuestionKind.FREE_TEXT]: 'text',
};
const ANSWER_FIELDS = ['scale', 'choices', 'number', 'text'] as const;
const MAX_TEXT = 5000;

/** How a message names a question: its number in the consultation, its kind and its id. */
function named(question: Question): string {
  return `question ${question.position} (${question.kind}, id ${question.id})`;
}

/** The one problem of a value for its question, or null. */
function valueProblem(question: Question, answer: AnswerInput): string | null {
  switch (question.kind) {
    case QuestionKind.SCALE:
      return Number.isInteger(answer.scale) && answer.scale! >= 1 && answer.scale! <= 5
        ? null
        : 'scale must be a whole number from 1 to 5';
    case QuestionKind.SINGLE_CHOICE:
    case QuestionKind.MULTIPLE_CHOICE: {
      const choices = answer.choices ?? [];
      if (question.kind === QuestionKind.SINGLE_CHOICE && choices.length !== 1)
        return 'choices must hold exactly one option';
      if (choices.length === 0) return 'choices must hold at least one option';
      if (new Set(choices).size !== choices.length) return 'choices must not repeat an option';
      const unknown = choices.filter((choice) => !question.options.includes(choice));
      return unknown.length ? `not an option: ${unknown.map((c) => JSON.stringify(c)).join(', ')}` : null;
    }
    case QuestionKind.NUMBER: {
      const value = answer.number;
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'number must be a finite number';
      if (question.min !== null && value < question.min) return `number must be at least ${question.min}`;
      if (question.max !== null && value > question.max) return `number must be at most ${question.max}`;
      return null;
    }
    case QuestionKind.FREE_TEXT: {
      const text = answer.text?.trim() ?? '';
      return text.length === 0 || text.length > MAX_TEXT ? `text must have 1-${MAX_TEXT} characters` : null;
    }
  }
}

/**
 * Every answer checked against its question: it must belong to the consultation, be given once, carry exactly
 * the field of its kind with a valid value; every required question must be answered. Problems come back as
 * field errors at `path[i]` naming the question; nothing is written when there is one.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: readonly AnswerInput[],
  path: string,
): { rows: Array<Omit<AnswerRow, 'response_id'>>; errors: FieldError[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const errors: FieldError[] = [];
  const rows: Array<Omit<AnswerRow, 'response_id'>> = [];
  const answered = new Set<string>();
  answers.forEach((answer, index) => {
    const at = `${path}[${index}]`;
    const question = byId.get(answer.question.toLowerCase());
    if (!question) {
      errors.push({
        path: `${at}.question`,
        messages: [`"${answer.question}" is not a question of this consultation`],
      });
      return;
    }
    if (answered.has(question.id)) {
      errors.push({ path: `${at}.question`, messages: [`${named(question)} is answered more than once`] });
      return;
    }
    answered.add(question.id);
    const field = FIELD_OF[question.kind];
    const extra = ANSWER_FIELDS.filter((name) => name !== field && answer[name] != null);
    if (extra.length) {
      errors.push({
        path: at,
        messages: [
          `${named(question)} takes \`${field}\` only, not ${extra.map((n) => `\`${n}\``).join(', ')}`,
        ],
      });
      return;
    }
    const problem = answer[field] == null ? `${field} is missing` : valueProblem(question, answer);
    if (problem) {
      errors.push({ path: `${at}.${field}`, messages: [`${named(question)}: ${problem}`] });
      return;
    }
    rows.push({
      question_id: question.id,
      scale: question.kind === QuestionKind.SCALE ? answer.scale! : null,
      choices: field === 'choices' ? [...answer.choices!] : null,
      number: question.kind === QuestionKind.NUMBER ? answer.number! : null,
      text: question.kind === QuestionKind.FREE_TEXT ? answer.text!.trim() : null,
    });
  });
  const missing = questions.filter((question) => question.required && !answered.has(question.id));
  if (missing.length) {
    errors.push({ path, messages: missing.map((question) => `${named(question)} is required`) });
  }
  return { rows, errors };
}

/** Replaces the answers of a response (inside the write transaction). */
export async function replaceAnswers(
  em: EntityManager,
  responseId: string,
  rows: ReadonlyArray<Omit<AnswerRow, 'response_id'>>,
): Promise<void> {
  await executeSql(em, sql`DELETE FROM answer WHERE response_id = ${responseId}`);
  if (rows.length === 0) return;
  const values = rows.map(
    (row) =>
      sql`(${responseId}::uuid, ${row.question_id}::uuid, ${row.scale}::int, ${
        row.choices ? sql`ARRAY[${sqlList(row.choices)}]::text[]` : sql`NULL::text[]`
      }, ${row.number}::float8, ${row.text}::text)`,
  );
  await executeSql(
    em,
    sql`INSERT INTO answer (response_id, question_id, scale, choices, number, text) VALUES ${joinSql(values, ', ')}`,
  );
}

import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Question } from './question.entity';

/** One answer of a response, as stored in the `answer` table. */
export interface AnswerRow {
  response_id: string;
  question_id: string;
  scale: number | null;
  choices: string[] | null;
  number: number | null;
  text: string | null;
}

@ObjectType('Answer', {
  description: 'The answer of one response to one question; only the field of the question kind is set.',
})
export class Answer {
  /** Exposed as `question: Question!` (loaded by id). */
  questionId!: string;

  /** Filled by the resolver when loaded. */
  question?: Question;

  @Field(() => Int, { nullable: true, description: 'SCALE: the point chosen, 1-5.' })
  scale!: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'SINGLE_CHOICE (one) and MULTIPLE_CHOICE (one or more): the options chosen.',
  })
  choices!: string[] | null;

  @Field(() => Float, { nullable: true, description: 'NUMBER: the value, in the question’s unit.' })
  number!: number | null;

  @Field(() => String, { nullable: true, description: 'FREE_TEXT: the text (never aggregated).' })
  text!: string | null;
}

export function answerOf(row: AnswerRow): Answer {
  return Object.assign(new Answer(), {
    questionId: row.question_id,
    scale: row.scale,
    choices: row.choices,
    number: row.number === null ? null : Number(row.number),
    text: row.text,
  });
}

import { ListSize } from '@hub/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BreakdownLevel } from './enums';
import type { Question } from './question.entity';
import { Region } from './references.type';

/** Fewest answers a published cell may show: smaller cells are suppressed (no single answer can be read). */
export const MIN_CELL_SIZE = 3;

@ObjectType('OptionCount', { description: 'How many answers chose one option (or one point of a scale).' })
export class OptionCount {
  @Field(() => String, { description: 'The option, or the scale point as a number ("1" … "5").' })
  option!: string;

  @Field(() => Int, { description: 'Answers that chose it.' })
  count!: number;
}

@ObjectType('ResultCell', {
  description: `The aggregate of one question over a group of responses. A cell of fewer than ${MIN_CELL_SIZE} answers is suppressed: \`suppressed\` is true and every figure null.`,
})
export class ResultCell {
  @Field(() => Boolean, {
    description: `True when fewer than ${MIN_CELL_SIZE} responses answered in this cell: its figures are withheld so no single authority's answer can be read.`,
  })
  suppressed!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Responses that answered the question in this cell; null when suppressed.',
  })
  answerCount!: number | null;

  // options: at most 30 (scale: 5 points)
  @ListSize(30)
  @Field(() => [OptionCount], {
    nullable: true,
    description:
      'SCALE, SINGLE_CHOICE, MULTIPLE_CHOICE: answers per option (every option and scale point, zeros included, in order); null when suppressed and for NUMBER and FREE_TEXT.',
  })
  distribution!: OptionCount[] | null;

  @Field(() => Float, {
    nullable: true,
    description: 'SCALE and NUMBER: the mean answer; null when suppressed and for other kinds.',
  })
  mean!: number | null;
}

@ObjectType('TerritoryResultCell', {
  description: 'The aggregate of one question over the responses for one region and the regions within it.',
})
export class TerritoryResultCell extends ResultCell {
  @Field(() => Region, { description: 'The region (country, NUTS 1 or NUTS 2).' })
  region!: Region;
}

@ObjectType('QuestionResult', {
  description:
    'The published aggregate of one question: overall and per region. FREE_TEXT answers are never aggregated: their cells carry counts only.',
})
export class QuestionResult {
  /** Exposed as `question: Question!`. */
  questionId!: string;

  question?: Question;

  @Field(() => ResultCell, { description: 'Over every submitted response.' })
  overall!: ResultCell;

  /** Cells by level, filled by the results query; exposed through `byRegion(level)`. */
  cells!: Record<BreakdownLevel, TerritoryResultCell[]>;
}

@ObjectType('ConsultationResults', {
  description: `Aggregated results of a consultation, public once RESULTS_PUBLISHED. Cells of fewer than ${MIN_CELL_SIZE} answers are suppressed.`,
})
export class ConsultationResults {
  @Field(() => Int, { description: 'Submitted responses (withdrawn ones do not count).' })
  responseCount!: number;

  // one per question: at most 100
  @ListSize(100)
  @Field(() => [QuestionResult], { description: 'One result per question, in question order.' })
  questions!: QuestionResult[];
}

import { Consultation } from '../entities/consultation.entity';
import { BreakdownLevel, CODE_LENGTH, ConsultationStatus, QuestionKind } from '../entities/enums';
import type { Question } from '../entities/question.entity';
import { regionReference } from '../entities/references.type';
import {
  ConsultationResults,
  OptionCount,
  QuestionResult,
  ResultCell,
  TerritoryResultCell,
} from '../entities/results.type';
import type { DialogueContext } from '../loaders';
import type { RawCell } from './results.query';

/** The options a distribution lists, in order (scale points as "1" … "5"); null for kinds without one. */
function optionsOf(question: Question): string[] | null {
  if (question.kind === QuestionKind.SCALE) return ['1', '2', '3', '4', '5'];
  if (question.kind === QuestionKind.SINGLE_CHOICE || question.kind === QuestionKind.MULTIPLE_CHOICE) {
    return question.options;
  }
  return null;
}

function cellOf<T extends ResultCell>(
  target: T,
  question: Question,
  raw: RawCell | undefined,
  suppressed: boolean,
): T {
  if (!raw || suppressed) {
    return Object.assign(target, { suppressed: true, answerCount: null, distribution: null, mean: null });
  }
  const options = optionsOf(question);
  const hasMean = question.kind === QuestionKind.SCALE || question.kind === QuestionKind.NUMBER;
  return Object.assign(target, {
    suppressed: false,
    answerCount: raw.answerCount,
    distribution: options
      ? options.map((option) =>
          Object.assign(new OptionCount(), { option, count: raw.distribution[option] ?? 0 }),
        )
      : null,
    mean: hasMean ? raw.mean : null,
  });
}

/**
 * The public results of a consultation: null unless RESULTS_PUBLISHED (for everybody, the organiser
 * included: results are published, not previewed). Cells below the threshold, or readable by difference, are
 * suppressed; FREE_TEXT cells carry counts only.
 */
export async function publishedResults(
  consultation: Consultation,
  context: DialogueContext,
): Promise<ConsultationResults | null> {
  if (consultation.status !== ConsultationStatus.RESULTS_PUBLISHED) return null;
  const [questions, cells, responseCount] = await Promise.all([
    context.loaders.questionsByConsultation.load(consultation.id),
    context.loaders.resultCells.load(consultation.id),
    context.loaders.responseCount.load(consultation.id),
  ]);
  const results = questions.map((question) => {
    const own = cells.byQuestion.get(question.id) ?? [];
    const overallRaw = own.find((cell) => cell.codeLength === 0);
    const byLevel = Object.fromEntries(
      Object.values(BreakdownLevel).map((level) => [
        level,
        own
          .filter((cell) => cell.codeLength === CODE_LENGTH[level])
          .sort((a, b) => a.area.localeCompare(b.area))
          .map((cell) =>
            cellOf(
              Object.assign(new TerritoryResultCell(), { region: regionReference(cell.area) }),
              question,
              cell,
              cells.isSuppressed(cell),
            ),
          ),
      ]),
    ) as Record<BreakdownLevel, TerritoryResultCell[]>;
    return Object.assign(new QuestionResult(), {
      questionId: question.id,
      question,
      overall: cellOf(new ResultCell(), question, overallRaw, !overallRaw || cells.isSuppressed(overallRaw)),
      cells: byLevel,
    });
  });
  return Object.assign(new ConsultationResults(), { responseCount, questions: results });
}

import type { FieldError } from '@hub/kit';
import { QuestionKind } from '../entities/enums';
import type { Question } from '../entities/question.entity';
import type { QuestionInput } from '../inputs/question.input';

const CHOICE_KINDS = [QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE];

/** The columns of a question row from its (decorator-validated) input. */
export type QuestionColumns = Pick<
  Question,
  'kind' | 'prompt' | 'required' | 'scaleLabels' | 'options' | 'unit' | 'min' | 'max' | 'policyArea'
>;

/**
 * The rules a question's kind sets (the decorators check lengths): what is missing or does not belong, at
 * `path.field`. `needsAssessment`: a policy area only on SCALE questions.
 */
export function questionErrors(input: QuestionInput, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const wrong = (field: string, message: string) =>
    errors.push({ path: `${path}.${field}`, messages: [message] });
  const prompt = input.prompt.trim();
  if (prompt.length < 3) wrong('prompt', 'must have 3-1,000 characters besides surrounding whitespace');
  const labels = input.scaleLabels ?? [];
  const options = input.options ?? [];
  if (input.kind === QuestionKind.SCALE) {
    if (labels.length !== 5)
      wrong('scaleLabels', 'a SCALE question needs exactly five labels, for points 1 to 5');
  } else if (labels.length) {
    wrong('scaleLabels', `only SCALE questions have scale labels, not ${input.kind}`);
  }
  if (CHOICE_KINDS.includes(input.kind)) {
    const trimmed = options.map((option) => option.trim());
    if (trimmed.length < 2) wrong('options', `a ${input.kind} question needs 2-30 options`);
    else if (new Set(trimmed).size !== trimmed.length) wrong('options', 'options must be distinct');
    else if (trimmed.some((option) => option === '')) wrong('options', 'an option must not be blank');
  } else if (options.length) {
    wrong('options', `only SINGLE_CHOICE and MULTIPLE_CHOICE questions have options, not ${input.kind}`);
  }
  if (input.kind !== QuestionKind.NUMBER) {
    for (const field of ['unit', 'min', 'max'] as const) {
      if (input[field] != null) wrong(field, `only NUMBER questions have ${field}, not ${input.kind}`);
    }
  } else if (input.min != null && input.max != null && input.max < input.min) {
    wrong('max', `must be at least min (${input.min})`);
  }
  if (input.policyArea != null && input.kind !== QuestionKind.SCALE) {
    wrong('policyArea', 'only SCALE questions measure the need in a policy area');
  }
  return errors;
}

export function questionColumns(input: QuestionInput): QuestionColumns {
  return {
    kind: input.kind,
    prompt: input.prompt.trim(),
    required: input.required ?? false,
    scaleLabels: (input.scaleLabels ?? []).map((label) => label.trim()),
    options: (input.options ?? []).map((option) => option.trim()),
    unit: input.unit?.trim() || null,
    min: input.min ?? null,
    max: input.max ?? null,
    policyArea: input.policyArea ?? null,
  };
}

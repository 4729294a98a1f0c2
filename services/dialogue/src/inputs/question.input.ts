import { PolicyArea } from '@hub/kit';
import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { QuestionKind } from '../entities/enums';

/** A question as written by the organiser; kind-specific rules are checked by writes/question.write.ts. */
@InputType('QuestionInput', {
  description:
    'A question. SCALE needs five `scaleLabels`; SINGLE_CHOICE and MULTIPLE_CHOICE 2-30 distinct `options`; NUMBER may have `unit`, `min`, `max`; the other fields must be left out for the kinds they do not belong to.',
})
export class QuestionInput {
  @Field(() => QuestionKind, { description: 'The type of answer it takes.' })
  kind!: QuestionKind;

  @Field(() => String, { description: 'The question as asked: plain text of 3-1,000 characters.' })
  @Length(3, 1000)
  prompt!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'True when every response must answer it.',
  })
  required?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'SCALE only: the labels of points 1 to 5, in order (exactly five, 1-100 characters each).',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @Length(1, 100, { each: true })
  scaleLabels?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'SINGLE_CHOICE and MULTIPLE_CHOICE only: 2-30 distinct options of 1-200 characters, in order.',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 200, { each: true })
  options?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'NUMBER only: the unit, e.g. "persons" (at most 50 characters).',
  })
  @IsOptional()
  @MaxLength(50)
  unit?: string | null;

  @Field(() => Float, { nullable: true, description: 'NUMBER only: the smallest answer accepted.' })
  min?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'NUMBER only: the largest answer accepted (at least `min`).',
  })
  max?: number | null;

  @Field(() => PolicyArea, {
    nullable: true,
    description: 'SCALE questions of a needs assessment: the policy area whose need it measures.',
  })
  policyArea?: PolicyArea | null;
}

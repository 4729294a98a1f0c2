import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType('AnswerInput', {
  description:
    'The answer to one question: set only the field of its kind (`scale` for SCALE, `choices` for SINGLE_CHOICE and MULTIPLE_CHOICE, `number` for NUMBER, `text` for FREE_TEXT).',
})
export class AnswerInput {
  @Field(() => ID, { description: 'The question answered (its id).' })
  question!: string;

  @Field(() => Int, { nullable: true, description: 'SCALE: a whole number from 1 to 5.' })
  scale?: number | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'SINGLE_CHOICE: exactly one option; MULTIPLE_CHOICE: one or more distinct options, as written in `options`.',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  choices?: string[] | null;

  @Field(() => Float, {
    nullable: true,
    description: "NUMBER: the value in the question's unit, within its min and max.",
  })
  number?: number | null;

  @Field(() => String, { nullable: true, description: 'FREE_TEXT: plain text of 1-5,000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  text?: string | null;
}

@InputType('CreateResponseInput', {
  description: "A response of the caller's organisation to an open consultation, for one territory.",
})
export class CreateResponseInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters chosen by the client; retrying with the same key and input returns the first result, with other input it is a CONFLICT.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The consultation answered (its id).' })
  consultation!: string;

  @Field(() => ID, {
    description:
      'The territory answered for: a NUTS 2024 code of level 0-3, e.g. "EL43"; checked against the regions subgraph.',
  })
  territory!: string;

  @Field(() => [AnswerInput], {
    description: 'The answers, at most one per question; every required question answered.',
  })
  @ArrayMaxSize(100)
  answers!: AnswerInput[];
}

@InputType('UpdateResponseInput', {
  description:
    'New answers for a response (they replace all of its answers); only while the consultation is open.',
})
export class UpdateResponseInput {
  @Field(() => ID, { description: 'The response.' })
  id!: string;

  @Field(() => Int, {
    description: 'The `version` you last read; any other is a CONFLICT with `extensions.currentVersion`.',
  })
  version!: number;

  @Field(() => [AnswerInput], {
    description: 'The answers, at most one per question; every required question answered.',
  })
  @ArrayMaxSize(100)
  answers!: AnswerInput[];
}

@InputType('WithdrawResponseInput', { description: 'A response to withdraw while the consultation is open.' })
export class WithdrawResponseInput {
  @Field(() => ID, { description: 'The response.' })
  id!: string;

  @Field(() => Int, {
    description: 'The `version` you last read; any other is a CONFLICT with `extensions.currentVersion`.',
  })
  version!: number;
}

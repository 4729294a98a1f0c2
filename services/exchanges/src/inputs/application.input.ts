import { NUTS_CODE_PATTERN, PolicyArea } from '@hub/kit';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ApplicationRole } from '../entities/enums';
import {
  IdempotentInput,
  LANGUAGE_MESSAGE,
  LANGUAGE_PATTERN,
  VersionedInput,
  POLICY_AREA_COUNT,
} from './versioned.input';

@InputType('ApplicationAreaInput', { description: 'What is offered or needed in one policy area.' })
export class ApplicationAreaInput {
  @Field(() => PolicyArea, { description: 'The policy area (each at most once per application).' })
  policyArea!: PolicyArea;

  @Field(() => String, { description: 'What is offered or needed, 1-2,000 characters of plain text.' })
  @Length(1, 2000)
  text!: string;
}

@InputType('CreateApplicationInput', {
  description: "An application of the caller's organisation to a programme whose call is open.",
})
export class CreateApplicationInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme (its id); its call must be open.' })
  programme!: string;

  @Field(() => ID, {
    description: 'The territory applied for (a NUTS code, e.g. "EL43"); must exist in the regions subgraph.',
  })
  @Matches(NUTS_CODE_PATTERN, { message: 'must be a NUTS code such as "EL43"' })
  territory!: string;

  @Field(() => ApplicationRole, { description: 'Mentor or mentee.' })
  role!: ApplicationRole;

  @Field(() => [ApplicationAreaInput], {
    description: 'What it offers (MENTOR) or needs (MENTEE), each policy area at most once.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(POLICY_AREA_COUNT)
  @ValidateNested()
  areas!: ApplicationAreaInput[];

  @Field(() => [String], { description: 'Languages it works in, ISO 639-1 codes (1-24).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @Matches(LANGUAGE_PATTERN, { each: true, message: LANGUAGE_MESSAGE })
  languages!: string[];
}

@InputType('UpdateApplicationInput', {
  description:
    'A change of a submitted application while the call is open; fields left out stay as they are.',
})
export class UpdateApplicationInput extends VersionedInput {
  @Field(() => [ApplicationAreaInput], {
    nullable: true,
    description: 'New areas, each policy area at most once.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(POLICY_AREA_COUNT)
  @ValidateNested()
  areas?: ApplicationAreaInput[] | null;

  @Field(() => [String], { nullable: true, description: 'New languages, ISO 639-1 codes (1-24).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @Matches(LANGUAGE_PATTERN, { each: true, message: LANGUAGE_MESSAGE })
  languages?: string[] | null;
}

@InputType('WithdrawApplicationInput', {
  description: 'The submitted application to withdraw, and its version.',
})
export class WithdrawApplicationInput extends VersionedInput {}

import { PolicyArea, UUID_PATTERN } from '@hub/kit';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PairingSide } from '../entities/enums';
import { IdempotentInput, VersionedInput, POLICY_AREA_COUNT } from './versioned.input';

@InputType('CreatePairingInput', {
  description: 'A pairing the organiser proposes: a mentor and a mentee application of the same programme.',
})
export class CreatePairingInput extends IdempotentInput {
  @Field(() => ID, { description: 'The submitted MENTOR application.' })
  mentorApplication!: string;

  @Field(() => ID, { description: 'The submitted MENTEE application of the same programme.' })
  menteeApplication!: string;

  @Field(() => [PolicyArea], { description: 'What the two are to work on (each policy area at most once).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(POLICY_AREA_COUNT)
  policyAreas!: PolicyArea[];
}

@InputType('AcceptPairingInput', {
  description: 'The proposed pairing, its version and the side you accept for.',
})
export class AcceptPairingInput extends VersionedInput {
  @Field(() => PairingSide, { description: 'The side your organisation is; any other is FORBIDDEN.' })
  side!: PairingSide;
}

@InputType('DeclinePairingInput', {
  description: 'The proposed pairing, its version and the side you decline for.',
})
export class DeclinePairingInput extends VersionedInput {
  @Field(() => PairingSide, { description: 'The side your organisation is; any other is FORBIDDEN.' })
  side!: PairingSide;
}

@InputType('WithdrawPairingInput', {
  description: 'The pairing to withdraw, its version and the side you act for (none: as the organiser).',
})
export class WithdrawPairingInput extends VersionedInput {
  @Field(() => PairingSide, {
    nullable: true,
    description: "The side your organisation is; leave it out to withdraw as the organiser's editor.",
  })
  side?: PairingSide | null;
}

@InputType('ActivatePairingInput', { description: 'The accepted pairing to start, and its version.' })
export class ActivatePairingInput extends VersionedInput {}

@InputType('CompletePairingInput', { description: 'The active pairing to complete, and its version.' })
export class CompletePairingInput extends VersionedInput {}

@InputType('UpdatePairingInput', {
  description:
    'The activities of an accepted, active or completed pairing; lists given replace the current ones. By the organiser or either side.',
})
export class UpdatePairingInput extends VersionedInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'Its study visits and workshops: ids of events of the events subgraph (at most 50).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(UUID_PATTERN, { each: true, message: 'each visit must be an event id (a UUID)' })
  visits?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Its outputs: ids of resources of the library subgraph (at most 50).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(UUID_PATTERN, { each: true, message: 'each output must be a resource id (a UUID)' })
  outputs?: string[] | null;
}

@InputType('RecordPairingFeedbackInput', {
  description: 'Feedback of one side on an active or completed pairing (once per side).',
})
export class RecordPairingFeedbackInput extends IdempotentInput {
  @Field(() => ID, { description: 'The pairing.' })
  pairing!: string;

  @Field(() => PairingSide, { description: 'The side your organisation is; any other is FORBIDDEN.' })
  side!: PairingSide;

  @Field(() => Int, { description: 'Rating from 1 (poor) to 5 (excellent).' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field(() => String, { description: 'Plain text, 1-5,000 characters.' })
  @Length(1, 5000)
  text!: string;
}

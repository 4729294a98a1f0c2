import { DateScalar, DateTimeScalar, ORGANISATION_ID_PATTERN, PageArgs, PolicyArea } from '@hub/kit';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ProgrammeKind, ProgrammeStatus } from '../entities/enums';
import {
  IdempotentInput,
  LANGUAGE_MESSAGE,
  LANGUAGE_PATTERN,
  VersionedInput,
  POLICY_AREA_COUNT,
} from './versioned.input';

@InputType('CreateProgrammeInput', { description: 'A new programme; it is created as a DRAFT.' })
export class CreateProgrammeInput extends IdempotentInput {
  @Field(() => ID, {
    nullable: true,
    description: "The organiser; default: the caller's organisation. Only hub admins may name another one.",
  })
  @ValidateIf((_input, value) => value != null)
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisation must be an organisation id such as "cor"' })
  organisation?: string | null;

  @Field(() => ProgrammeKind, { description: 'Mentoring, exchange or a series of study visits.' })
  kind!: ProgrammeKind;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Length(3, 200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Markdown, at most 20,000 characters.' })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => [PolicyArea], { description: 'Policy areas it covers (at least one).' })
  @ArrayMaxSize(POLICY_AREA_COUNT)
  policyAreas!: PolicyArea[];

  @Field(() => [String], { description: 'Working languages as ISO 639-1 codes (1-24).' })
  @ArrayMaxSize(24)
  @Matches(LANGUAGE_PATTERN, { each: true, message: LANGUAGE_MESSAGE })
  languages!: string[];

  @Field(() => DateTimeScalar, { description: 'From when applications are taken.' })
  applicationsOpenAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'Until when applications are taken (after `applicationsOpenAt`).',
  })
  applicationsCloseAt!: Date;

  @Field(() => DateScalar, { description: 'First day of the running period.' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the running period (not before `startsOn`).' })
  endsOn!: string;

  @Field(() => Int, { description: 'How many pairings it can hold, 1-1,000.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  places!: number;
}

@InputType('UpdateProgrammeInput', {
  description: 'A change of a programme that is not CLOSED; fields left out stay as they are.',
})
export class UpdateProgrammeInput extends VersionedInput {
  @Field(() => String, { nullable: true, description: 'New title, 3-200 characters of plain text.' })
  @IsOptional()
  @Length(3, 200)
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New description, Markdown of at most 20,000 characters.',
  })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => [PolicyArea], { nullable: true, description: 'New policy areas (at least one).' })
  @IsOptional()
  @ArrayMaxSize(POLICY_AREA_COUNT)
  policyAreas?: PolicyArea[] | null;

  @Field(() => [String], { nullable: true, description: 'New working languages (ISO 639-1 codes, 1-24).' })
  @IsOptional()
  @ArrayMaxSize(24)
  @Matches(LANGUAGE_PATTERN, { each: true, message: LANGUAGE_MESSAGE })
  languages?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'New start of the call.' })
  applicationsOpenAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'New end of the call.' })
  applicationsCloseAt?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'New first day of the running period.' })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New last day of the running period.' })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'New number of places, 1-1,000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  places?: number | null;
}

@InputType('OpenProgrammeCallInput', {
  description: 'The draft programme whose call to open, and its version.',
})
export class OpenProgrammeCallInput extends VersionedInput {}

@InputType('CloseProgrammeCallInput', {
  description: 'The programme whose call to close (it starts RUNNING), and its version.',
})
export class CloseProgrammeCallInput extends VersionedInput {}

@InputType('CloseProgrammeInput', { description: 'The running programme to close, and its version.' })
export class CloseProgrammeInput extends VersionedInput {}

@ArgsType()
export class ProgrammeListArgs extends PageArgs {
  @Field(() => ProgrammeStatus, { nullable: true, description: 'Only programmes with this status.' })
  status?: ProgrammeStatus | null;
}

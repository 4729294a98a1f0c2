import { DateTimeScalar, ORGANISATION_ID_PATTERN, PolicyArea, Strand } from '@hub/kit';
import {
  ArrayMaxSize,
  IsOptional,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AudienceKind } from '../entities/enums';
import { QuestionInput } from './question.input';

const LANGUAGE = /^[a-z]{2}$/;
const NUTS = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

@InputType('AudienceInput', { description: 'Who may answer.' })
export class AudienceInput {
  @Field(() => AudienceKind, {
    description: 'All partners, the members of one organisation, or listed organisations.',
  })
  kind!: AudienceKind;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description:
      'MEMBERS_OF_ORGANISATION: exactly one organisation, whose members may answer. LISTED_ORGANISATIONS: the 1-200 organisations that may answer. ALL_PARTNERS: none.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(ORGANISATION_ID_PATTERN, {
    each: true,
    message: 'each organisation must be an organisation id such as "cpmr"',
  })
  organisations?: string[] | null;
}

/** Fields a consultation is made of; shared by create and update (where every one is optional). */
@InputType()
abstract class ConsultationFieldsInput {
  @Field(() => String, { nullable: true, description: 'Markdown, at most 20,000 characters.' })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => Strand, { nullable: true, description: 'The strand of the partnership it serves.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, description: 'Policy areas it is about.' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Languages of the answers as ISO 639-1 codes (at most 24).',
  })
  @IsOptional()
  @ArrayMaxSize(24)
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code such as "fr"' })
  languages?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'NUTS 2024 codes of the territories it concerns (at most 500), e.g. ["EL4"]; checked against the regions subgraph.',
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(NUTS, { each: true, message: 'each region must be a NUTS code such as "EL43"' })
  regions?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A related roundtable or other event (its id in the events subgraph).',
  })
  @IsOptional()
  event?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The discussion thread about it (its id in the forum subgraph).',
  })
  @IsOptional()
  discussion?: string | null;
}

@InputType('CreateConsultationInput', { description: 'A new consultation; it is created as a DRAFT.' })
export class CreateConsultationInput extends ConsultationFieldsInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters chosen by the client; retrying with the same key and input returns the first result, with other input it is a CONFLICT.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The organiser; default: the caller's organisation. Only hub admins may name another one.",
  })
  @ValidateIf((_input, value) => value != null)
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisation must be an organisation id such as "cor"' })
  organisation?: string | null;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Length(3, 200)
  title!: string;

  @Field(() => String, { description: 'One or two sentences of plain text, 1-500 characters.' })
  @Length(1, 500)
  summary!: string;

  @Field(() => AudienceInput, { description: 'Who may answer.' })
  @ValidateNested()
  audience!: AudienceInput;

  @Field(() => DateTimeScalar, { description: 'From when responses are accepted.' })
  opensAt!: Date;

  @Field(() => DateTimeScalar, { description: 'Until when responses are accepted (after `opensAt`).' })
  closesAt!: Date;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'True for a needs assessment (its SCALE questions with a policy area feed the needs map).',
  })
  needsAssessment?: boolean | null;

  @Field(() => [QuestionInput], {
    nullable: true,
    defaultValue: [],
    description: 'The questions, in order (at most 100).',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  questions?: QuestionInput[] | null;
}

@InputType('UpdateConsultationInput', {
  description:
    'Changes to a consultation. A DRAFT may change anything; an OPEN one only `closesAt`, `event` and `discussion`; a closed one only `event` and `discussion`. Left-out fields stay as they are.',
})
export class UpdateConsultationInput extends ConsultationFieldsInput {
  @Field(() => ID, { description: 'The consultation.' })
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Title, 3-200 characters.' })
  @IsOptional()
  @Length(3, 200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Summary, 1-500 characters.' })
  @IsOptional()
  @Length(1, 500)
  summary?: string | null;

  @Field(() => AudienceInput, { nullable: true, description: 'Who may answer.' })
  @IsOptional()
  @ValidateNested()
  audience?: AudienceInput | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'From when responses are accepted.' })
  opensAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Until when responses are accepted.' })
  closesAt?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is a needs assessment.' })
  needsAssessment?: boolean | null;

  @Field(() => [QuestionInput], {
    nullable: true,
    description: 'Replaces every question (DRAFT only), in order.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  questions?: QuestionInput[] | null;
}

@InputType('AddQuestionInput', { description: 'A question to append to a draft consultation.' })
export class AddQuestionInput extends QuestionInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters; a retry with the same key and input adds nothing more.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The draft consultation.' })
  consultation!: string;
}

@InputType()
abstract class VersionedConsultationInput {
  @Field(() => ID, { description: 'The consultation.' })
  id!: string;

  @Field(() => Int, {
    description: 'The `version` you last read; any other is a CONFLICT with `extensions.currentVersion`.',
  })
  version!: number;
}

@InputType('OpenConsultationInput', { description: 'The draft to open and the version last read.' })
export class OpenConsultationInput extends VersionedConsultationInput {}

@InputType('CloseConsultationInput', {
  description: 'The open consultation to close and the version last read.',
})
export class CloseConsultationInput extends VersionedConsultationInput {}

@InputType('PublishConsultationResultsInput', {
  description: 'The closed consultation whose results to publish and the version last read.',
})
export class PublishConsultationResultsInput extends VersionedConsultationInput {}

import {
  DateScalar,
  IsWebUrl,
  NUTS_CODE_PATTERN,
  PolicyArea,
  Strand,
  TargetGroup,
  TextLength,
  UUID_PATTERN,
} from '@hub/kit';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ResourceKind } from '../entities/enums';
import { LANGUAGE_CODE_PATTERN } from '../entities/languages';

const LANGUAGE_MESSAGE = 'must be an ISO 639-1 code such as "fr"';

@InputType('GeoPointInput', { description: 'A point in WGS 84 decimal degrees.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Longitude, -180 to 180 (east positive).' })
  @Min(-180)
  @Max(180)
  longitude!: number;

  @Field(() => Float, { description: 'Latitude, -90 to 90 (north positive).' })
  @Min(-90)
  @Max(90)
  latitude!: number;
}

@InputType('ResourceLanguageVersionInput', { description: 'The resource in another language.' })
export class ResourceLanguageVersionInput {
  @Field(() => String, { description: 'Language, an ISO 639-1 code such as "fr".' })
  @Matches(LANGUAGE_CODE_PATTERN, { message: `language ${LANGUAGE_MESSAGE}` })
  language!: string;

  @Field(() => String, { description: 'Title in this language, 3-200 characters of plain text.' })
  @TextLength(3, 200)
  title!: string;

  @Field(() => String, { description: 'Summary in this language, plain text of at most 1,000 characters.' })
  @TextLength(1, 1_000)
  summary!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Body in this language, Markdown of at most 50,000 characters.',
  })
  @IsOptional()
  @MaxLength(50_000)
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'Link to this language version (http or https).' })
  @IsOptional()
  @IsWebUrl()
  link?: string | null;
}

/** Fields a resource is made of; shared by create and update (where every one is optional). */
@InputType()
abstract class ResourceFieldsInput {
  @Field(() => String, { nullable: true, description: 'Body, Markdown of at most 50,000 characters.' })
  @IsOptional()
  @MaxLength(50_000)
  body?: string | null;

  @Field(() => [ResourceLanguageVersionInput], {
    nullable: true,
    description: 'Other language versions (at most 24, one per language, none in the main `language`).',
  })
  @IsOptional()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  versions?: ResourceLanguageVersionInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Authors as the resource names them (at most 50).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true, message: 'each author must be 1-200 characters long' })
  authors?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where to read or download it (http or https).' })
  @IsOptional()
  @IsWebUrl()
  link?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Licence as the publisher states it, e.g. "CC BY 4.0".',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  licence?: string | null;

  @Field(() => Strand, { nullable: true, description: 'The strand of the partnership it serves.' })
  strand?: Strand | null;

  @Field(() => [PolicyArea], { nullable: true, description: 'Policy areas it is about.' })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [TargetGroup], { nullable: true, description: 'Groups of people it addresses.' })
  targetGroups?: TargetGroup[] | null;

  @Field(() => GeoPointInput, {
    nullable: true,
    description: 'Where the practice takes place, for the map (a real WGS 84 coordinate); null removes it.',
  })
  @IsOptional()
  @ValidateNested()
  location?: GeoPointInput | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The workshop, study visit … that produced it (an event id); must exist in the events subgraph.',
  })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'event must be an event id (a UUID)' })
  event?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Forum threads that cite it (thread ids, at most 50); each must exist in the forum subgraph.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(UUID_PATTERN, { each: true, message: 'each discussion must be a thread id (a UUID)' })
  discussions?: string[] | null;
}

const TERRITORIES_DESCRIPTION =
  'Territories it concerns, as NUTS codes of any level (at most 300); each must exist in the regions subgraph.';

/** `createResource(input: CreateResourceInput!)`: an idempotent create of a DRAFT. */
@InputType('CreateResourceInput', {
  description: 'A new resource, a DRAFT of the caller’s organisation until an editor publishes it.',
})
export class CreateResourceInput extends ResourceFieldsInput {
  @Field(() => String, {
    description:
      'Any unique string (e.g. a UUID) per intended create: a retry with the same key and input returns the first result.',
  })
  @IsString()
  @Length(1, 200)
  idempotencyKey!: string;

  @Field(() => ResourceKind, { description: 'What the resource is.' })
  kind!: ResourceKind;

  @Field(() => String, {
    description: 'Language of title, summary and body, an ISO 639-1 code such as "en".',
  })
  @Matches(LANGUAGE_CODE_PATTERN, { message: `language ${LANGUAGE_MESSAGE}` })
  language!: string;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @TextLength(3, 200)
  title!: string;

  @Field(() => String, { description: 'Summary, plain text of 1-1,000 characters.' })
  @TextLength(1, 1_000)
  summary!: string;

  @Field(() => DateScalar, { description: 'Publication date as the resource states it.' })
  publishedOn!: string;

  @Field(() => [ID], { description: TERRITORIES_DESCRIPTION })
  @ArrayMaxSize(300)
  @Matches(NUTS_CODE_PATTERN, { each: true, message: 'each territory must be a NUTS code such as "FR10"' })
  territories!: string[];
}

/** `updateResource(input: UpdateResourceInput!)`: a change from the version the client last read. */
@InputType('UpdateResourceInput', {
  description: 'A change of a DRAFT or PUBLISHED resource; fields left out stay as they are, null clears.',
})
export class UpdateResourceInput extends ResourceFieldsInput {
  @Field(() => ID, { description: 'The resource (its id).' })
  @IsString()
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => ResourceKind, { nullable: true, description: 'What the resource is.' })
  kind?: ResourceKind | null;

  @Field(() => String, { nullable: true, description: 'Language of title, summary and body (ISO 639-1).' })
  @IsOptional()
  @Matches(LANGUAGE_CODE_PATTERN, { message: `language ${LANGUAGE_MESSAGE}` })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'New title, 3-200 characters of plain text.' })
  @IsOptional()
  @TextLength(3, 200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary, plain text of 1-1,000 characters.' })
  @IsOptional()
  @TextLength(1, 1_000)
  summary?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date as the resource states it.' })
  publishedOn?: string | null;

  @Field(() => [ID], { nullable: true, description: TERRITORIES_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(300)
  @Matches(NUTS_CODE_PATTERN, { each: true, message: 'each territory must be a NUTS code such as "FR10"' })
  territories?: string[] | null;
}

/** `publishResource` / `archiveResource`: a status move from the version read. */
@InputType()
abstract class ResourceTransitionInput {
  @Field(() => ID, { description: 'The resource (its id).' })
  @IsString()
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType('PublishResourceInput', { description: 'A DRAFT resource to publish.' })
export class PublishResourceInput extends ResourceTransitionInput {}

@InputType('ArchiveResourceInput', { description: 'A PUBLISHED resource to archive.' })
export class ArchiveResourceInput extends ResourceTransitionInput {}

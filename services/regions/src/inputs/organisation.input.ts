import { IsIn, IsInt, IsOptional, IsUrl, Length, Matches, Min } from 'class-validator';
import { ORGANISATION_ID_PATTERN } from '@hub/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { OrganisationKind } from '../entities/enums';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const KINDS = Object.values(OrganisationKind);

@InputType('CreateOrganisationInput', { description: 'A new partner organisation (hub admins only).' })
export class CreateOrganisationInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client; retrying with the same key and input returns the first result.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, {
    description: 'Stable identifier: lower-case letters, digits and hyphens, e.g. "region-bretagne".',
  })
  @Matches(ORGANISATION_ID_PATTERN, { message: 'id must be 2-63 lower-case letters, digits or hyphens' })
  id!: string;

  @Field(() => String, { description: 'Official name in English.' })
  @Length(2, 300)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Usual acronym.' })
  @IsOptional()
  @Length(1, 30)
  acronym?: string | null;

  @Field(() => OrganisationKind, { description: 'What kind of body it is.' })
  @IsIn(KINDS)
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Official website (http or https URL).' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  websiteUrl?: string | null;

  @Field(() => String, { description: 'One factual sentence on what the organisation is.' })
  @Length(10, 2000)
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where the facts about the organisation come from (URL).',
  })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  sourceUrl?: string | null;
}

@InputType('UpdateOrganisationInput', {
  description:
    "Changes to an organisation: by hub admins, or by the organisation's own editors. Omitted fields stay.",
})
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation to change.' })
  @Length(1, 63)
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; a newer one on the server means CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: 'New official name.' })
  @IsOptional()
  @Length(2, 300)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New acronym.' })
  @IsOptional()
  @Length(1, 30)
  acronym?: string;

  @Field(() => OrganisationKind, { nullable: true, description: 'New kind (hub admins only).' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'New website (http or https URL).' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  websiteUrl?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(10, 2000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New source URL.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  sourceUrl?: string;
}

import { ArrayMaxSize, IsInt, IsISO8601, IsOptional, IsUrl, Length, Matches, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('AddMembershipInput', {
  description: 'Records that a region or an organisation is a member of an organisation (hub admins only).',
})
export class AddMembershipInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client; retrying with the same key and input returns the first result.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The organisation the member joins, e.g. "cpmr".' })
  @Length(1, 63)
  organisationId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The member region (NUTS 2024 code); give this or memberOrganisationId.',
  })
  @IsOptional()
  @Length(2, 5)
  memberRegionCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member organisation; give this or memberRegionCode.' })
  @IsOptional()
  @Length(1, 63)
  memberOrganisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Role of the member, e.g. "member".' })
  @IsOptional()
  @Length(1, 100)
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'Date the membership began (YYYY-MM-DD), if known.' })
  @IsOptional()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  since?: string | null;

  @Field(() => String, { description: 'Where the membership is documented, in words.' })
  @Length(3, 500)
  source!: string;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Addresses of documents that name the membership.',
  })
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  sourceUrls!: string[];
}

@InputType('EndMembershipInput', {
  description: 'Ends a membership on a date (hub admins only); the record stays.',
})
export class EndMembershipInput {
  @Field(() => ID, { description: 'The membership to end.' })
  @Length(1, 64)
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; a newer one on the server means CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => String, { description: 'Last day of the membership (YYYY-MM-DD).' })
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  until!: string;
}

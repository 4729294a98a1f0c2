import { DateScalar } from '@hub/kit';
import { ArrayMaxSize, IsInt, IsOptional, IsUrl, IsUUID, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('AddMembershipInput', {
  description:
    'Records that a region or an organisation is a member of an organisation (hub admins only). Give exactly one of `memberRegion` and `memberOrganisation`.',
})
export class AddMembershipInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client; retrying with the same key and input returns the first result.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The organisation the member joins, by id, e.g. "cpmr".' })
  @Length(1, 63)
  organisation!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The member region, by NUTS 2024 code (e.g. "FRH"); give this or `memberOrganisation`.',
  })
  @IsOptional()
  @Length(2, 5)
  memberRegion?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The member organisation, by id; give this or `memberRegion`.',
  })
  @IsOptional()
  @Length(1, 63)
  memberOrganisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Role of the member, e.g. "member".' })
  @IsOptional()
  @Length(1, 100)
  role?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the membership began, if known.' })
  since?: string | null;

  @Field(() => String, { description: 'Where the membership is documented, in words.' })
  @Length(3, 500)
  source!: string;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Addresses of documents that name the membership (http or https URLs, at most 20).',
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
  @IsUUID('all', { message: 'id must be the id of a membership (a UUID)' })
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; a newer one on the server means CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => DateScalar, { description: 'The last day of the membership; not before `since`.' })
  until!: string;
}

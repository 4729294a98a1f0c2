import { NUTS_CODE_PATTERN } from '@hub/kit';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** `updateProgramme(input: UpdateProgrammeInput!)`: a change from the version the client last read. */
@InputType({ description: 'A change of a programme; fields left out stay as they are.' })
export class UpdateProgrammeInput {
  @Field(() => ID, { description: 'The programme (its id).' })
  @IsString()
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: 'New title, 3-200 characters of plain text.' })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  title?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Another region (a NUTS code); must exist in the regions subgraph.',
  })
  @IsOptional()
  @Matches(NUTS_CODE_PATTERN, { message: 'must be a NUTS code such as "FR10"' })
  region?: string;
}

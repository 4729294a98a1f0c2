import { NUTS_CODE_PATTERN } from '@hub/kit';
import { IsString, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

/** `createProgramme(input: CreateProgrammeInput!)`: an idempotent create. */
@InputType({ description: 'A new programme, recorded for the organisation of the caller.' })
export class CreateProgrammeInput {
  @Field(() => String, {
    description:
      'Any unique string (e.g. a UUID) per intended create: a retry with the same key and input returns the first result.',
  })
  @IsString()
  @Length(1, 200)
  idempotencyKey!: string;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @IsString()
  @Length(3, 200)
  title!: string;

  @Field(() => ID, {
    description: 'The region it is about (a NUTS code, e.g. "FR10"); must exist in the regions subgraph.',
  })
  @Matches(NUTS_CODE_PATTERN, { message: 'must be a NUTS code such as "FR10"' })
  region!: string;
}

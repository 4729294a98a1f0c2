import { PolicyArea } from '@hub/kit';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

export const LANGUAGE_PATTERN = /^[a-z]{2}$/;
/** Lists of policy areas hold each at most once. */
export const POLICY_AREA_COUNT = Object.keys(PolicyArea).length;
export const LANGUAGE_MESSAGE = 'each language must be an ISO 639-1 code such as "fr"';

/** What every change of an existing record names: the record and the version the client last read. */
@InputType()
export abstract class VersionedInput {
  @Field(() => ID, { description: 'The record to change (its id).' })
  @IsString()
  id!: string;

  @Field(() => Int, {
    description: 'The `version` you last read; any other is a CONFLICT with `extensions.currentVersion`.',
  })
  @IsInt()
  @Min(1)
  version!: number;
}

/** What every create carries. */
@InputType()
export abstract class IdempotentInput {
  @Field(() => String, {
    description:
      'Any unique string of 8-128 characters chosen by the client; retrying with the same key and input returns the first result, with other input it is a CONFLICT.',
  })
  @Length(8, 128)
  idempotencyKey!: string;
}

import { IsInt, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** The event a change applies to and the version the client last read (optimistic locking). */
@InputType()
export class VersionedEventInput {
  @Field(() => ID, { description: 'The event (its id).' })
  id!: string;

  @Field(() => Int, { description: 'The `version` you last read; any other is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}

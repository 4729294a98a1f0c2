import { UUID_PATTERN } from '@hub/kit';
import { IsInt, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** A post a change applies to and the version the client last read (optimistic locking). */
@InputType()
export class VersionedPostInput {
  @Field(() => ID, { description: 'The post (its id).' })
  @Matches(UUID_PATTERN, { message: 'id must be a post id (a UUID)' })
  id!: string;

  @Field(() => Int, { description: 'The `version` of the post you last read (CONFLICT when stale).' })
  @IsInt()
  @Min(1)
  version!: number;
}

/** A thread a change applies to and the version the client last read (optimistic locking). */
@InputType()
export class VersionedThreadInput {
  @Field(() => ID, { description: 'The thread (its id).' })
  @Matches(UUID_PATTERN, { message: 'id must be a thread id (a UUID)' })
  id!: string;

  @Field(() => Int, { description: 'The `version` of the thread you last read (CONFLICT when stale).' })
  @IsInt()
  @Min(1)
  version!: number;
}

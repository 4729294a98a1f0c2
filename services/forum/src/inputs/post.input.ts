import { TextLength, UUID_PATTERN } from '@hub/kit';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { BODY_LENGTH } from './limits.input';
import { VersionedPostInput } from './versioned.input';

@InputType('ReplyInput', { description: 'A reply to a thread, optionally to one of its posts.' })
export class ReplyInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client (8-128 characters); retrying with the same key and input returns the first result without posting again.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The thread to reply in (its id; it must be OPEN).' })
  @Matches(UUID_PATTERN, { message: 'thread must be a thread id (a UUID)' })
  thread!: string;

  @Field(() => ID, { nullable: true, description: 'The post of the same thread this reply answers, if any.' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'replyTo must be a post id (a UUID)' })
  replyTo?: string | null;

  @Field(() => String, { description: 'The reply in Markdown, 1-10,000 characters.' })
  @TextLength(BODY_LENGTH.min, BODY_LENGTH.max)
  body!: string;
}

@InputType('EditPostInput', { description: 'The post to edit, the version last read and its new text.' })
export class EditPostInput extends VersionedPostInput {
  @Field(() => String, { description: 'The new text in Markdown, 1-10,000 characters.' })
  @TextLength(BODY_LENGTH.min, BODY_LENGTH.max)
  body!: string;
}

import { Length } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType('ReplyInput', { description: 'A reply to a thread, optionally to one of its posts.' })
export class ReplyInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client (8-128 characters); retrying with the same key and input returns the first result without posting again.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The thread to reply in (it must be OPEN).' })
  threadId!: string;

  @Field(() => ID, { nullable: true, description: 'The post of the same thread this reply answers, if any.' })
  replyTo?: string | null;

  @Field(() => String, { description: 'The reply in Markdown, 1-10,000 characters.' })
  body!: string;
}

@ArgsType()
export class EditPostArgs {
  @Field(() => ID, { description: 'The post to edit.' })
  id!: string;

  @Field(() => Int, { description: 'The `version` of the post you last read (CONFLICT when stale).' })
  version!: number;

  @Field(() => String, { description: 'The new text in Markdown, 1-10,000 characters.' })
  body!: string;
}

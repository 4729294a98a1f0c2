import { Field, ObjectType } from 'type-graphql';
import { ThreadChange } from './enums';
import { Post } from './post.entity';
import { Thread } from './thread.entity';

/** One message of the `threadActivity` subscription. */
@ObjectType('ThreadActivity', { description: 'Something happened in a thread (pushed after it committed).' })
export class ThreadActivity {
  @Field(() => ThreadChange, { description: 'What happened.' })
  change!: ThreadChange;

  @Field(() => Thread, { description: 'The thread, as it is now.' })
  thread!: Thread;

  @Field(() => Post, {
    nullable: true,
    description:
      'The post added, edited, hidden or shown (its text is null when hidden, except for those who moderate the thread); null for changes of the thread itself.',
  })
  post!: Post | null;
}

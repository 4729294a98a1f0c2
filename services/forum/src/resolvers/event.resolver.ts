import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Event } from '../entities/references.type';
import { Thread } from '../entities/thread.entity';
import type { ForumContext } from '../loaders';

/** What the forum adds to the events subgraph's `Event`. Batched per request. */
@Resolver(() => Event)
export class EventDiscussionResolver {
  @FieldResolver(() => Thread, {
    nullable: true,
    description: 'The discussion thread of this event (whatever its status); null when none was started.',
  })
  discussion(@Root() event: Event, @Ctx() { loaders }: ForumContext): Promise<Thread | null> {
    return loaders.discussionByEventId.load(event.id);
  }
}

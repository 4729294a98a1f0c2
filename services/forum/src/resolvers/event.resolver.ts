import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventReference } from '../entities/references';
import { Thread } from '../entities/thread.entity';
import type { ForumContext } from './types';

/** What the forum adds to the events subgraph's `Event`. Batched per request. */
@Resolver(() => EventReference)
export class EventDiscussionResolver {
  @FieldResolver(() => Thread, {
    nullable: true,
    description: 'The discussion thread of this event (whatever its status); null when none was started.',
  })
  discussion(@Root() event: EventReference, @Ctx() { loaders }: ForumContext): Promise<Thread | null> {
    return loaders.discussionByEventId.load(event.id);
  }
}

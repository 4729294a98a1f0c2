import { ListSize } from '@hub/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Thread } from '../entities/references.type';
import { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { linkedResources, MAX_LINKED } from '../queries/linked-resources.query';

/** What the library adds to the forum subgraph's `Thread`. Batched per request. */
@Resolver(() => Thread)
export class ThreadResourcesResolver {
  // assumed: resources cited by one thread
  @ListSize(50)
  @FieldResolver(() => [Resource], {
    description: `Library resources cited in this discussion (published, and drafts you may see), newest first, at most ${MAX_LINKED}.`,
  })
  resources(@Root() thread: Thread, @Ctx() context: LibraryContext): Promise<Resource[]> {
    return linkedResources(context, 'thread', thread.id);
  }
}

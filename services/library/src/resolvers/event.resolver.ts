import { ListSize } from '@hub/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Event } from '../entities/references.type';
import { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { linkedResources, MAX_LINKED } from '../queries/linked-resources.query';

/** What the library adds to the events subgraph's `Event`. Batched per request. */
@Resolver(() => Event)
export class EventMaterialsResolver {
  // assumed: materials of one event
  @ListSize(50)
  @FieldResolver(() => [Resource], {
    description: `What this workshop, study visit … produced: library resources linked to it (published, and drafts you may see), newest first, at most ${MAX_LINKED}.`,
  })
  materials(@Root() event: Event, @Ctx() context: LibraryContext): Promise<Resource[]> {
    return linkedResources(context, 'event', event.id);
  }
}

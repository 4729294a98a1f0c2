import { busSubscription, checkedSubscriptionScope, isRegionOrDescendant } from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { EventChangeKind, EventKind } from '../entities/enums';
import { EventChange } from '../entities/event-change.type';
import { Event } from '../entities/event.entity';
import type { EventsContext } from '../loaders';
import { canSee, viewerOf } from '../queries/visibility.query';
import { EVENT_CHANGED, type EventChangedPayload } from '../writes/event-changed.write';

const CHANGE_OF_ACTION: Record<EventChangedPayload['action'], EventChangeKind> = {
  create: EventChangeKind.CREATED,
  update: EventChangeKind.UPDATED,
  publish: EventChangeKind.PUBLISHED,
  cancel: EventChangeKind.CANCELLED,
};

interface EventChangeFilter {
  region: string | null;
  organisation: string | null;
  kinds: EventKind[] | null;
}

function filterOf(args: {
  region?: string | null;
  organisation?: string | null;
  kinds?: EventKind[] | null;
}) {
  return {
    ...checkedSubscriptionScope(args),
    kinds: args.kinds?.length ? args.kinds : null,
  } satisfies EventChangeFilter;
}

/** The filter as the events list applies it: host region or any region within it, organiser or creator. */
function matches(filter: EventChangeFilter, payload: EventChangedPayload): boolean {
  const { region, organisation, kinds } = filter;
  return (
    (!region || payload.hostRegions.some((code) => isRegionOrDescendant(code, region))) &&
    (!organisation || payload.createdBy === organisation || payload.organisers.includes(organisation)) &&
    (!kinds || kinds.includes(payload.kind))
  );
}

/**
 * One message reaches every matching subscriber of this process with the same payload object, so the event
 * is read once per message and shared (read-only) rather than once per subscriber.
 */
const eventOfMessage = new WeakMap<EventChangedPayload, Promise<Event>>();

@Resolver()
export class EventSubscriptionResolver {
  @Subscription(() => EventChange, {
    description:
      'Events as they are created, changed, published or cancelled (after the write committed), filtered like `events`: host region including every region within it, organiser or creating organisation, kinds. Drafts reach only those who may see them.',
    subscribe: ({ args, context }) => {
      const filter = filterOf(args as Partial<EventChangeFilter>);
      const ctx = context as EventsContext;
      const viewer = viewerOf(ctx.caller);
      return busSubscription<EventChangedPayload>(
        ctx,
        EVENT_CHANGED,
        (payload) => canSee(viewer, payload) && matches(filter, payload),
      );
    },
  })
  async eventChanged(
    @Root() payload: EventChangedPayload,
    @Arg('region', () => ID, {
      nullable: true,
      description: 'NUTS code: events hosted in this region or in any region within it.',
    })
    _region: string | null,
    @Arg('organisation', () => ID, {
      nullable: true,
      description: 'Only events this organisation organises or created.',
    })
    _organisation: string | null,
    @Arg('kinds', () => [EventKind], { nullable: true, description: 'Only events of these kinds.' })
    _kinds: EventKind[] | null,
    @Ctx() { em }: EventsContext,
  ): Promise<EventChange> {
    let event = eventOfMessage.get(payload);
    if (!event) {
      event = em.findOneOrFail(Event, payload.id);
      eventOfMessage.set(payload, event);
    }
    return Object.assign(new EventChange(), {
      change: CHANGE_OF_ACTION[payload.action],
      changedFields: payload.changedFields,
      event: await event,
    });
  }
}

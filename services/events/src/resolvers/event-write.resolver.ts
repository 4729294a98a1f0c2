import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Event } from '../entities/event.entity';
import { CancelEventInput } from '../inputs/cancel-event.input';
import { CreateEventInput } from '../inputs/create-event.input';
import { AcceptOrganiserRoleInput, DeclineOrganiserRoleInput } from '../inputs/organiser-role.input';
import { PublishEventInput } from '../inputs/publish-event.input';
import { UpdateEventInput } from '../inputs/update-event.input';
import type { EventsContext } from '../loaders';
import { createEvent } from '../writes/create-event.write';
import { cancelEvent, publishEvent } from '../writes/event-status.write';
import { respondToOrganiserRole } from '../writes/organiser-consent.write';
import { updateEvent } from '../writes/update-event.write';

const WRITERS = 'Only contributors and editors of the creating organisation, and hub admins, may do this.';

/**
 * Partners record and change events. Inputs are validated by their decorators; each write (writes/) checks
 * what needs the database or the regions subgraph, then writes in one transaction with one audit record.
 */
@Resolver()
export class EventWriteResolver {
  @Authorized()
  @Mutation(() => Event, {
    description: `Records a new event for the caller's organisation, as a draft unless \`publish\` is true. ${WRITERS}`,
  })
  createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The event and an idempotency key.' })
    input: CreateEventInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return createEvent(context, input);
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Changes an event (not a cancelled one) from the \`version\` you last read; a stale version is a CONFLICT with \`extensions.currentVersion\`, a cancelled event a CONFLICT with \`extensions.currentStatus\`. ${WRITERS}`,
  })
  updateEvent(
    @Arg('input', () => UpdateEventInput, {
      description: 'The event, the version you last read and the fields to change.',
    })
    input: UpdateEventInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return updateEvent(context, input);
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Publishes a draft: everyone can see it from then on. Publishing an event that is not a draft is a CONFLICT (\`extensions.currentStatus\`). ${WRITERS}`,
  })
  publishEvent(
    @Arg('input', () => PublishEventInput, { description: 'The draft and the version you last read.' })
    input: PublishEventInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return publishEvent(context, input);
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Cancels a published event, saying why; it stays listed (status CANCELLED). Cancelling a draft (never announced: leave it unpublished) or an already cancelled event is a CONFLICT (\`extensions.currentStatus\`). ${WRITERS}`,
  })
  cancelEvent(
    @Arg('input', () => CancelEventInput, {
      description: 'The event, the version you last read and the reason.',
    })
    input: CancelEventInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return cancelEvent(context, input);
  }

  @Authorized()
  @Mutation(() => Event, {
    description:
      'Your organisation accepts being named as an organiser of the event: from then on it is listed in `organisers`. Only contributors and editors of a named organisation; an event that does not name it as pending is a CONFLICT.',
  })
  acceptOrganiserRole(
    @Arg('input', () => AcceptOrganiserRoleInput, {
      description: 'The event and the version you last read.',
    })
    input: AcceptOrganiserRoleInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return respondToOrganiserRole(context, input, 'accept');
  }

  @Authorized()
  @Mutation(() => Event, {
    description:
      'Your organisation declines being named as an organiser of the event: the event no longer names it. Only contributors and editors of a named organisation; an event that does not name it as pending is a CONFLICT.',
  })
  declineOrganiserRole(
    @Arg('input', () => DeclineOrganiserRoleInput, {
      description: 'The event and the version you last read.',
    })
    input: DeclineOrganiserRoleInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return respondToOrganiserRole(context, input, 'decline');
  }
}

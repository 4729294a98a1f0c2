import { randomUUID } from 'node:crypto';
import {
  assertCanWrite,
  assertVersion,
  badUserInput,
  conflict,
  ORGANISATION_ID_PATTERN,
  performWrite,
} from '@hub/kit';
import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { EventStatus } from '../entities/enums';
import { Event } from '../entities/event.entity';
import {
  changedFieldNames,
  checkEventFields,
  fieldsFromInput,
  fieldsOfEvent,
  LIMITS,
  patchedFields,
  text,
} from './event-fields';
import { eventChanged } from './event-changed';
import { eventColumns, forgetEvent, loadEvent, replaceLinks, writableEvent } from './event-store';
import { CancelEventArgs, CreateEventInput, EventVersionArgs, UpdateEventArgs } from './inputs/event.inputs';
import { assertKnownToRegions } from './peer-check';
import type { EventsContext } from './types';

const WRITERS = 'Only contributors and editors of the creating organisation, and hub admins, may do this.';

/** A state change the event's current status does not allow: CONFLICT with the status it has. */
function wrongStatus(message: string, event: Event) {
  return conflict(message, { currentStatus: event.status });
}

/**
 * Partners record and change events. Every mutation validates first (fields, then region codes and organisation
 * ids against the regions subgraph), then writes in one transaction with one audit record (`performWrite`).
 */
@Resolver()
export class EventWriteResolver {
  @Authorized()
  @Mutation(() => Event, {
    description: `Records a new event for the caller's organisation, as a draft unless \`publish\` is true. ${WRITERS}`,
  })
  async createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The event and an idempotency key.' })
    input: CreateEventInput,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    const { caller } = context;
    const createdBy = input.organisation?.trim() || caller.organisationId;
    if (!createdBy || !ORGANISATION_ID_PATTERN.test(createdBy)) {
      throw badUserInput(
        'Name the organisation the event is recorded for: you act for none, or the id is malformed.',
        'input.organisation',
      );
    }
    assertCanWrite(caller, createdBy, ['contributor', 'editor']);
    const { idempotencyKey, ...request } = input;
    text(8, 128)(idempotencyKey, 'input.idempotencyKey');
    const fields = fieldsFromInput(input);
    checkEventFields(fields, 'input');
    await assertKnownToRegions(context, {
      regions: { 'input.hostRegions': fields.hostRegions },
      organisations: {
        'input.organisers': fields.organisers,
        ...(createdBy !== caller.organisationId ? { 'input.organisation': [createdBy] } : {}),
      },
    });
    return performWrite(
      context,
      { entity: 'Event', action: 'create', idempotencyKey, input: request },
      async (em) => {
        const id = randomUUID();
        const status = input.publish ? EventStatus.PUBLISHED : EventStatus.DRAFT;
        em.create(Event, { id, ...eventColumns(fields), status, createdBy });
        await em.flush();
        await replaceLinks(em, id, 'hostRegions', fields.hostRegions);
        await replaceLinks(em, id, 'organisers', fields.organisers);
        const changedFields = [...Object.keys(fields), 'status', 'createdBy'];
        return {
          entityId: id,
          changedFields,
          events: [
            eventChanged({
              id,
              action: 'create',
              status,
              createdBy,
              changedFields,
              kind: fields.kind,
              hostRegions: fields.hostRegions,
              organisers: fields.organisers,
            }),
          ],
        };
      },
      loadEvent,
    );
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Changes an event (not a cancelled one) from the \`version\` you last read; a stale version is a CONFLICT with \`extensions.currentVersion\`. ${WRITERS}`,
  })
  async updateEvent(
    @Args(() => UpdateEventArgs) { id, version, patch }: UpdateEventArgs,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    const event = await writableEvent(id, context);
    if (event.status === EventStatus.CANCELLED) {
      throw wrongStatus('A cancelled event cannot be changed.', event);
    }
    assertVersion(event, version, 'Event');
    const [regionCodes, organiserIds] = await Promise.all([
      context.loaders.hostRegionCodes.load(event.id),
      context.loaders.organiserIds.load(event.id),
    ]);
    const before = fieldsOfEvent(event, regionCodes, organiserIds);
    const after = patchedFields(before, patch);
    checkEventFields(after, 'patch');
    const changed = changedFieldNames(before, after);
    if (changed.length === 0) return event;
    await assertKnownToRegions(context, {
      regions: {
        'patch.hostRegions': after.hostRegions.filter((code) => !before.hostRegions.includes(code)),
      },
      organisations: {
        'patch.organisers': after.organisers.filter((org) => !before.organisers.includes(org)),
      },
    });
    const updated = await performWrite(
      context,
      { entity: 'Event', action: 'update', input: { id, version, patch } },
      async (em) => {
        const current = await loadEvent(em, event.id);
        assertVersion(current, version, 'Event');
        // updatedAt always changes, so the version moves even when only the join tables do.
        Object.assign(current, eventColumns(after), { updatedAt: new Date() });
        await em.flush();
        if (changed.includes('hostRegions'))
          await replaceLinks(em, event.id, 'hostRegions', after.hostRegions);
        if (changed.includes('organisers')) await replaceLinks(em, event.id, 'organisers', after.organisers);
        return {
          entityId: event.id,
          changedFields: changed,
          events: [
            eventChanged({
              id: event.id,
              action: 'update',
              status: current.status,
              createdBy: current.createdBy,
              changedFields: changed,
              kind: after.kind,
              hostRegions: after.hostRegions,
              organisers: after.organisers,
            }),
          ],
        };
      },
      loadEvent,
    );
    forgetEvent(context, event.id);
    return updated;
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Publishes a draft: everyone can see it from then on. Publishing an event that is not a draft is a CONFLICT (\`extensions.currentStatus\`). ${WRITERS}`,
  })
  async publishEvent(
    @Args(() => EventVersionArgs) { id, version }: EventVersionArgs,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    const event = await writableEvent(id, context);
    if (event.status !== EventStatus.DRAFT) {
      throw wrongStatus(`Only a draft can be published; this event is ${event.status}.`, event);
    }
    assertVersion(event, version, 'Event');
    return this.changeStatus(context, event, version, 'publish', { status: EventStatus.PUBLISHED });
  }

  @Authorized()
  @Mutation(() => Event, {
    description: `Cancels a published event, saying why; it stays listed (status CANCELLED). Cancelling a draft (never announced: leave it unpublished) or an already cancelled event is a CONFLICT (\`extensions.currentStatus\`). ${WRITERS}`,
  })
  async cancelEvent(
    @Args(() => CancelEventArgs) { id, version, reason }: CancelEventArgs,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    const event = await writableEvent(id, context);
    const cancellationReason = text(...LIMITS.cancellationReason)(reason, 'reason');
    if (event.status !== EventStatus.PUBLISHED) {
      throw wrongStatus(
        event.status === EventStatus.DRAFT
          ? 'A draft was never announced, so it cannot be cancelled: leave it unpublished.'
          : 'This event is already cancelled.',
        event,
      );
    }
    assertVersion(event, version, 'Event');
    return this.changeStatus(context, event, version, 'cancel', {
      status: EventStatus.CANCELLED,
      cancellationReason,
    });
  }

  private async changeStatus(
    context: EventsContext,
    event: Event,
    version: number,
    action: 'publish' | 'cancel',
    change: Pick<Event, 'status'> & Partial<Pick<Event, 'cancellationReason'>>,
  ): Promise<Event> {
    const [hostRegions, organisers] = await Promise.all([
      context.loaders.hostRegionCodes.load(event.id),
      context.loaders.organiserIds.load(event.id),
    ]);
    const updated = await performWrite(
      context,
      { entity: 'Event', action, input: { id: event.id, version, ...change } },
      async (em) => {
        const current = await loadEvent(em, event.id);
        assertVersion(current, version, 'Event');
        if (current.status !== event.status) throw wrongStatus('The event changed state meanwhile.', current);
        Object.assign(current, change, { updatedAt: new Date() });
        const changedFields = Object.keys(change);
        return {
          entityId: event.id,
          changedFields,
          events: [
            eventChanged({
              id: event.id,
              action,
              status: change.status,
              createdBy: current.createdBy,
              changedFields,
              kind: current.kind,
              hostRegions,
              organisers,
            }),
          ],
        };
      },
      loadEvent,
    );
    forgetEvent(context, event.id);
    return updated;
  }
}

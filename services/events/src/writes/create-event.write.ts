import { randomUUID } from 'node:crypto';
import { assertCanWrite, invalidInput, performWrite } from '@hub/kit';
import { EventStatus } from '../entities/enums';
import { Event } from '../entities/event.entity';
import type { CreateEventInput } from '../inputs/create-event.input';
import type { EventsContext } from '../loaders';
import { eventChanged } from './event-changed.write';
import { assertFieldsConsistent, fieldsFromInput } from './event-fields.write';
import { eventColumns, loadEvent, replaceHostRegions, replaceOrganisers } from './event-store.write';
import { assertKnownToRegions } from './region-peers.write';

/**
 * Records a new event (validated by `CreateEventInput`'s decorators) for the caller's organisation, or for
 * another one by a hub admin; host regions and organisers must be known to the regions subgraph.
 */
export async function createEvent(context: EventsContext, input: CreateEventInput): Promise<Event> {
  const { caller } = context;
  const createdBy = input.organisation?.trim() || caller.organisationId;
  if (!createdBy) {
    throw invalidInput(
      'input.organisation',
      'name the organisation the event is recorded for: you act for none',
    );
  }
  assertCanWrite(caller, createdBy, ['contributor', 'editor']);
  const { idempotencyKey, ...request } = input;
  const fields = fieldsFromInput(input);
  assertFieldsConsistent(fields, 'input');
  await assertKnownToRegions(context, {
    regions: { 'input.hostRegions': fields.hostRegions },
    organisations: {
      'input.organisers': fields.organisers,
      ...(createdBy !== caller.organisationId ? { 'input.organisation': createdBy } : {}),
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
      await replaceHostRegions(em, id, fields.hostRegions);
      // the creating organisation organises at once; any other it names is pending until it accepts
      await replaceOrganisers(em, id, fields.organisers, (organisationId) => organisationId === createdBy);
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

import { randomUUID } from 'node:crypto';
import { assertCanWrite, invalidInput, performWrite } from '@hub/kit';
import { __Entity__ } from '../entities/__entity-kebab__.entity';
import type { Create__Entity__Input } from '../inputs/create-__entity-kebab__.input';
import type { __Name__Context } from '../loaders';
import { assertRegionExists, load__Entity__ } from './__entity-kebab__-store.write';

/**
 * Records a new __entity_words__ for the caller's organisation (input validated by its decorators): the region must
 * exist, and a retry with the same idempotency key returns the first result without writing again.
 */
export async function create__Entity__(
  context: __Name__Context,
  input: Create__Entity__Input,
): Promise<__Entity__> {
  const { caller } = context;
  const organisationId = caller.organisationId;
  if (!organisationId)
    throw invalidInput('input', 'you act for no organisation: a __entity_words__ belongs to one');
  assertCanWrite(caller, organisationId, ['contributor', 'editor']);
  await assertRegionExists(context, input.region, 'input.region');
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: '__Entity__', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const id = randomUUID();
      em.create(__Entity__, { id, title: input.title.trim(), regionCode: input.region, organisationId });
      return { entityId: id, changedFields: ['title', 'region', 'organisation'] };
    },
    load__Entity__,
  );
}

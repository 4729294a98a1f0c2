import { randomUUID } from 'node:crypto';
import { assertCanWrite, invalidInput, performWrite } from '@hub/kit';
import { Programme } from '../entities/programme.entity';
import type { CreateProgrammeInput } from '../inputs/create-programme.input';
import type { ExchangesContext } from '../loaders';
import { assertRegionExists, loadProgramme } from './programme-store.write';

/**
 * Records a new programme for the caller's organisation (input validated by its decorators): the region must
 * exist, and a retry with the same idempotency key returns the first result without writing again.
 */
export async function createProgramme(
  context: ExchangesContext,
  input: CreateProgrammeInput,
): Promise<Programme> {
  const { caller } = context;
  const organisationId = caller.organisationId;
  if (!organisationId) throw invalidInput('input', 'you act for no organisation: a programme belongs to one');
  assertCanWrite(caller, organisationId, ['contributor', 'editor']);
  await assertRegionExists(context, input.region, 'input.region');
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Programme', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const id = randomUUID();
      em.create(Programme, { id, title: input.title.trim(), regionCode: input.region, organisationId });
      return { entityId: id, changedFields: ['title', 'region', 'organisation'] };
    },
    loadProgramme,
  );
}

import { randomUUID } from 'node:crypto';
import { assertCanWrite, invalidInput, performWrite } from '@hub/kit';
import { Resource } from '../entities/resource.entity';
import type { CreateResourceInput } from '../inputs/create-resource.input';
import type { LibraryContext } from '../loaders';
import { assertRegionExists, loadResource } from './resource-store.write';

/**
 * Records a new resource for the caller's organisation (input validated by its decorators): the region must
 * exist, and a retry with the same idempotency key returns the first result without writing again.
 */
export async function createResource(context: LibraryContext, input: CreateResourceInput): Promise<Resource> {
  const { caller } = context;
  const organisationId = caller.organisationId;
  if (!organisationId) throw invalidInput('input', 'you act for no organisation: a resource belongs to one');
  assertCanWrite(caller, organisationId, ['contributor', 'editor']);
  await assertRegionExists(context, input.region, 'input.region');
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Resource', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const id = randomUUID();
      em.create(Resource, { id, title: input.title.trim(), regionCode: input.region, organisationId });
      return { entityId: id, changedFields: ['title', 'region', 'organisation'] };
    },
    loadResource,
  );
}

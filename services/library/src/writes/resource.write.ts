import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  conflict,
  invalidInput,
  invalidInputs,
  performWrite,
} from '@hub/kit';
import { ResourceStatus } from '../entities/enums';
import { Resource } from '../entities/resource.entity';
import type { CreateResourceInput, UpdateResourceInput } from '../inputs/resource.input';
import type { LibraryContext } from '../loaders';
import { resourceChanged } from './resource-changed.write';
import { resourceColumns, resourceFieldErrors, unique } from './resource-fields.write';
import {
  assertResourceKeysExist,
  forgetResource,
  loadResource,
  writableResource,
} from './resource-store.write';

/** Contributors and editors of an organisation create its resources; editors change them. */
const CREATORS = ['contributor', 'editor'] as const;
const EDITORS = ['editor'] as const;

/** Records a new DRAFT resource for the caller's organisation; a retried key returns the first result. */
export async function createResource(context: LibraryContext, input: CreateResourceInput): Promise<Resource> {
  const { caller } = context;
  const organisationId = caller.organisationId;
  if (!organisationId) throw invalidInput('input', 'you act for no organisation: a resource belongs to one');
  assertCanWrite(caller, organisationId, [...CREATORS]);
  const errors = resourceFieldErrors(input, input.language);
  if (errors.length) throw invalidInputs(errors);
  const territories = unique(input.territories);
  await assertResourceKeysExist(context, { ...input, territories });
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Resource', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const id = randomUUID();
      const resource = em.create(Resource, {
        ...(resourceColumns(request) as Pick<
          Resource,
          'kind' | 'language' | 'title' | 'summary' | 'publishedOn'
        >),
        id,
        organisationId,
        status: ResourceStatus.DRAFT,
      });
      return { entityId: id, changedFields: ['*'], events: [resourceChanged(resource)] };
    },
    loadResource,
  );
}

/** Changes a DRAFT or PUBLISHED resource from the version the client last read (editors of the publisher). */
export async function updateResource(context: LibraryContext, input: UpdateResourceInput): Promise<Resource> {
  const { id, version, ...patch } = input;
  const found = await writableResource(id, context, [...EDITORS]);
  if (found.status === ResourceStatus.ARCHIVED) {
    throw conflict('An archived resource cannot change.', { currentStatus: found.status });
  }
  assertVersion(found, version, 'Resource');
  const errors = resourceFieldErrors(patch, patch.language ?? found.language);
  if (errors.length) throw invalidInputs(errors);
  if (patch.territories === null)
    throw invalidInput('input.territories', 'give a list (it may be empty), not null');
  await assertResourceKeysExist(context, patch);
  const updated = await performWrite(
    context,
    { entity: 'Resource', action: 'update', input },
    async (em) => {
      const current = await loadResource(em, found.id);
      assertVersion(current, version, 'Resource');
      if (current.status === ResourceStatus.ARCHIVED) {
        throw conflict('An archived resource cannot change.', { currentStatus: current.status });
      }
      const changedFields = applyPatch(current, resourceColumns(patch));
      return {
        entityId: current.id,
        changedFields,
        events: changedFields.length ? [resourceChanged(current)] : [],
      };
    },
    loadResource,
  );
  forgetResource(context, found.id);
  return updated;
}

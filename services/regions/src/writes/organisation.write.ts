import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  conflict,
  invalidInput,
  notFound,
  performWrite,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '../entities/organisation.entity';
import type { CreateOrganisationInput, UpdateOrganisationInput } from '../inputs/organisation.input';
import type { RegionsContext } from '../loaders';

function loadOrganisation(em: EntityManager, id: string): Promise<Organisation> {
  return em.findOneOrFail(Organisation, { id });
}

/** `createOrganisation`: a new partner organisation (admins; the resolver checks the role). */
export function createOrganisation(
  context: RegionsContext,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  const { idempotencyKey, ...fields } = input;
  return performWrite(
    context,
    { entity: 'Organisation', action: 'create', idempotencyKey, input: fields },
    async (em) => {
      if (await em.count(Organisation, { id: fields.id })) {
        throw conflict(`An organisation with id "${fields.id}" already exists.`);
      }
      em.create(Organisation, {
        id: fields.id,
        name: fields.name,
        acronym: fields.acronym ?? null,
        kind: fields.kind,
        websiteUrl: fields.websiteUrl ?? null,
        description: fields.description,
        sourceUrl: fields.sourceUrl ?? null,
      });
      return {
        entityId: fields.id,
        changedFields: Object.keys(fields).filter((key) => fields[key as keyof typeof fields] != null),
      };
    },
    loadOrganisation,
  );
}

/** `updateOrganisation`: hub admins change any organisation, editors only their own (and never its kind). */
export function updateOrganisation(
  context: RegionsContext,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  const { id, version, ...patch } = input;
  assertCanWrite(context.caller, id, ['editor']);
  if (patch.kind !== undefined && patch.kind !== null && !context.caller.roles.includes('admin')) {
    throw invalidInput('input.kind', 'only hub admins may change the kind of an organisation');
  }
  return performWrite(
    context,
    { entity: 'Organisation', action: 'update', input },
    async (em) => {
      const organisation = await em.findOne(Organisation, { id });
      if (!organisation) throw notFound(`No organisation has id "${id}".`);
      assertVersion(organisation, version, 'Organisation');
      return { entityId: id, changedFields: applyGiven(organisation, patch) };
    },
    loadOrganisation,
  );
}

/** Sets the fields of `patch` that were given (null and undefined mean "leave as is"); returns those changed. */
function applyGiven<T extends object>(target: T, patch: Partial<Record<keyof T, unknown>>): string[] {
  const given = Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined && value !== null),
  );
  return applyPatch(target, given as Partial<T>);
}

import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  badUserInput,
  conflict,
  notFound,
  performWrite,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Region } from '../entities/region.entity';
import { AddMembershipInput, EndMembershipInput } from './inputs/membership.inputs';
import { CreateOrganisationInput, UpdateOrganisationInput } from './inputs/organisation.inputs';
import type { RegionsContext } from './types';

async function loadOrganisation(em: EntityManager, id: string): Promise<Organisation> {
  return em.findOneOrFail(Organisation, { id });
}

async function loadMembership(em: EntityManager, id: string): Promise<Membership> {
  return em.findOneOrFail(Membership, { id });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hub administration: organisations and memberships, following the kit's write pattern. */
@Resolver()
export class AdminResolver {
  @Authorized('admin')
  @Mutation(() => Organisation, { description: 'Adds a partner organisation (hub admins only).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput, { description: 'The new organisation.' })
    input: CreateOrganisationInput,
    @Ctx() context: RegionsContext,
  ): Promise<Organisation> {
    const { idempotencyKey, ...fields } = input;
    return performWrite(
      context,
      { entity: 'Organisation', action: 'create', idempotencyKey, input: fields },
      async (em) => {
        if (await em.count(Organisation, { id: fields.id })) {
          throw conflict(`An organisation with id "${fields.id}" already exists.`, {
            argumentName: 'input.id',
          });
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

  @Authorized()
  @Mutation(() => Organisation, {
    description: "Changes an organisation: hub admins any, editors only their own organisation's record.",
  })
  updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput, {
      description: 'The changes and the version you last read.',
    })
    input: UpdateOrganisationInput,
    @Ctx() context: RegionsContext,
  ): Promise<Organisation> {
    const { id, version, ...patch } = input;
    assertCanWrite(context.caller, id, ['editor']);
    if (patch.kind !== undefined && !context.caller.roles.includes('admin')) {
      throw badUserInput('Only hub admins may change the kind of an organisation.', 'input.kind');
    }
    return performWrite(
      context,
      { entity: 'Organisation', action: 'update', input },
      async (em) => {
        const organisation = await em.findOne(Organisation, { id });
        if (!organisation) throw notFound(`No organisation has id "${id}".`);
        assertVersion(organisation, version, 'Organisation');
        const changedFields = applyDefined(organisation, patch);
        return { entityId: id, changedFields };
      },
      loadOrganisation,
    );
  }

  @Authorized('admin')
  @Mutation(() => Membership, { description: 'Records a membership with its source (hub admins only).' })
  addMembership(
    @Arg('input', () => AddMembershipInput, { description: 'The membership and where it is documented.' })
    input: AddMembershipInput,
    @Ctx() context: RegionsContext,
  ): Promise<Membership> {
    const { idempotencyKey, ...fields } = input;
    const regionCode = fields.memberRegionCode?.trim().toUpperCase() || null;
    const memberOrganisationId = fields.memberOrganisationId || null;
    if ((regionCode === null) === (memberOrganisationId === null)) {
      throw badUserInput(
        'Give exactly one of memberRegionCode and memberOrganisationId.',
        'input.memberRegionCode',
      );
    }
    if (memberOrganisationId === fields.organisationId) {
      throw badUserInput('An organisation cannot be a member of itself.', 'input.memberOrganisationId');
    }
    return performWrite(
      context,
      { entity: 'Membership', action: 'create', idempotencyKey, input: fields },
      async (em) => {
        if (!(await em.count(Organisation, { id: fields.organisationId }))) {
          throw badUserInput(`No organisation has id "${fields.organisationId}".`, 'input.organisationId');
        }
        if (regionCode && !(await em.count(Region, { code: regionCode }))) {
          throw badUserInput(`No region has code "${regionCode}".`, 'input.memberRegionCode');
        }
        if (memberOrganisationId && !(await em.count(Organisation, { id: memberOrganisationId }))) {
          throw badUserInput(
            `No organisation has id "${memberOrganisationId}".`,
            'input.memberOrganisationId',
          );
        }
        const open = await em.count(Membership, {
          organisationId: fields.organisationId,
          until: null,
          ...(regionCode ? { memberRegionCode: regionCode } : { memberOrganisationId }),
        });
        if (open) throw conflict('This member already has an open membership in this organisation.');
        const membership = em.create(Membership, {
          organisationId: fields.organisationId,
          memberRegionCode: regionCode,
          memberOrganisationId,
          role: fields.role ?? null,
          since: fields.since ?? null,
          until: null,
          source: fields.source,
          sourceUrls: fields.sourceUrls,
          note: null,
          isPartialList: false,
        });
        await em.flush(); // assigns the generated id
        return { entityId: membership.id, changedFields: Object.keys(fields) };
      },
      loadMembership,
    );
  }

  @Authorized('admin')
  @Mutation(() => Membership, {
    description: 'Ends a membership on a date; the record stays (hub admins only).',
  })
  endMembership(
    @Arg('input', () => EndMembershipInput, {
      description: 'Which membership, its version, and the end date.',
    })
    input: EndMembershipInput,
    @Ctx() context: RegionsContext,
  ): Promise<Membership> {
    if (!UUID.test(input.id)) throw badUserInput(`No membership has id "${input.id}".`, 'input.id');
    return performWrite(
      context,
      { entity: 'Membership', action: 'end', input },
      async (em) => {
        const membership = await em.findOne(Membership, { id: input.id });
        if (!membership) throw notFound(`No membership has id "${input.id}".`);
        assertVersion(membership, input.version, 'Membership');
        if (membership.until) throw conflict(`This membership already ended on ${membership.until}.`);
        if (membership.since && input.until < membership.since) {
          throw badUserInput(`until must not be before since (${membership.since}).`, 'input.until');
        }
        membership.until = input.until;
        return { entityId: membership.id, changedFields: ['until'] };
      },
      loadMembership,
    );
  }
}

/** Sets the fields of `patch` that were given (null and undefined mean "leave as is"); returns those changed. */
function applyDefined<T extends object>(target: T, patch: Partial<Record<keyof T, unknown>>): string[] {
  const given = Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined && value !== null),
  );
  return applyPatch(target, given as Partial<T>);
}

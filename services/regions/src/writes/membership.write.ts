import {
  assertVersion,
  conflict,
  invalidInput,
  invalidInputs,
  notFound,
  performWrite,
  type FieldError,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Region } from '../entities/region.entity';
import type { AddMembershipInput, EndMembershipInput } from '../inputs/membership.input';
import type { RegionsContext } from '../loaders';

function loadMembership(em: EntityManager, id: string): Promise<Membership> {
  return em.findOneOrFail(Membership, { id });
}

/** `addMembership`: a region or an organisation joins an organisation (admins; the resolver checks the role). */
export function addMembership(context: RegionsContext, input: AddMembershipInput): Promise<Membership> {
  const { idempotencyKey, ...fields } = input;
  const memberRegion = fields.memberRegion?.trim().toUpperCase() || null;
  const memberOrganisation = fields.memberOrganisation?.trim() || null;
  if ((memberRegion === null) === (memberOrganisation === null)) {
    const message = 'give exactly one of memberRegion and memberOrganisation';
    throw invalidInputs([
      { path: 'input.memberRegion', messages: [message] },
      { path: 'input.memberOrganisation', messages: [message] },
    ]);
  }
  if (memberOrganisation === fields.organisation) {
    throw invalidInput('input.memberOrganisation', 'an organisation cannot be a member of itself');
  }
  return performWrite(
    context,
    { entity: 'Membership', action: 'create', idempotencyKey, input: fields },
    async (em) => {
      // Regions and organisations live in this subgraph's own database: checked in the same transaction.
      const unknown: FieldError[] = [];
      const unknownKeys: string[] = [];
      const mustExist = async (path: string, what: string, key: string, count: Promise<number>) => {
        if (await count) return;
        unknown.push({ path, messages: [`unknown ${what} "${key}"`] });
        unknownKeys.push(key);
      };
      await mustExist(
        'input.organisation',
        'organisation',
        fields.organisation,
        em.count(Organisation, { id: fields.organisation }),
      );
      if (memberRegion) {
        await mustExist(
          'input.memberRegion',
          'region',
          memberRegion,
          em.count(Region, { code: memberRegion }),
        );
      }
      if (memberOrganisation) {
        await mustExist(
          'input.memberOrganisation',
          'organisation',
          memberOrganisation,
          em.count(Organisation, { id: memberOrganisation }),
        );
      }
      if (unknown.length) throw invalidInputs(unknown, { unknownKeys });
      const open = await em.count(Membership, {
        organisationId: fields.organisation,
        until: null,
        ...(memberRegion ? { memberRegionCode: memberRegion } : { memberOrganisationId: memberOrganisation }),
      });
      if (open) throw conflict('This member already has an open membership in this organisation.');
      const membership = em.create(Membership, {
        organisationId: fields.organisation,
        memberRegionCode: memberRegion,
        memberOrganisationId: memberOrganisation,
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

/** `endMembership`: sets the last day of an open membership; the record stays. */
export function endMembership(context: RegionsContext, input: EndMembershipInput): Promise<Membership> {
  return performWrite(
    context,
    { entity: 'Membership', action: 'end', input },
    async (em) => {
      const membership = await em.findOne(Membership, { id: input.id });
      if (!membership) throw notFound(`No membership has id "${input.id}".`);
      assertVersion(membership, input.version, 'Membership');
      if (membership.until) throw conflict(`This membership already ended on ${membership.until}.`);
      if (membership.since && input.until < membership.since) {
        throw invalidInput('input.until', `must not be before since (${membership.since})`);
      }
      membership.until = input.until;
      return { entityId: membership.id, changedFields: ['until'] };
    },
    loadMembership,
  );
}

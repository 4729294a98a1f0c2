import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Region } from '../entities/region.entity';
import { AddMembershipInput, EndMembershipInput } from '../inputs/membership.input';
import type { RegionsContext } from '../loaders';
import { addMembership, endMembership } from '../writes/membership.write';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation the member belongs to (e.g. CPMR).' })
  async organisation(
    @Root() membership: Membership,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Organisation> {
    const organisation = await loaders.organisationById.load(membership.organisationId);
    if (!organisation) throw new Error(`membership ${membership.id} points at missing organisation`);
    return organisation;
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The member region, when the member is a region.',
  })
  memberRegion(@Root() membership: Membership, @Ctx() { loaders }: RegionsContext): Promise<Region | null> {
    return membership.memberRegionCode
      ? loaders.regionByCode.load(membership.memberRegionCode)
      : Promise.resolve(null);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      'The member organisation, when the member is an organisation (e.g. a CPMR geographical commission).',
  })
  memberOrganisation(
    @Root() membership: Membership,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Organisation | null> {
    return membership.memberOrganisationId
      ? loaders.organisationById.load(membership.memberOrganisationId)
      : Promise.resolve(null);
  }

  @Authorized('admin')
  @Mutation(() => Membership, { description: 'Records a membership with its source (hub admins only).' })
  addMembership(
    @Arg('input', () => AddMembershipInput, { description: 'The membership and where it is documented.' })
    input: AddMembershipInput,
    @Ctx() context: RegionsContext,
  ): Promise<Membership> {
    return addMembership(context, input);
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
    return endMembership(context, input);
  }
}

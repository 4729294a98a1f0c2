import { decodeCursor, toConnection, toPage, validateFirst, ListSize } from '@hub/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganisationConnection } from '../entities/connections.type';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from '../inputs/organisation.input';
import { OrganisationsArgs } from '../inputs/organisations.input';
import type { RegionsContext } from '../loaders';
import { countOrganisations, listOrganisations, organisationsWhere } from '../queries/organisations.query';
import { createOrganisation, updateOrganisation } from '../writes/organisation.write';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, {
    nullable: true,
    description: 'One organisation by id; null when none has it.',
  })
  organisation(
    @Arg('id', () => ID, { description: 'Organisation id, e.g. "cpmr".' }) id: string,
    @Ctx() { loaders }: RegionsContext,
  ): Promise<Organisation | null> {
    return loaders.organisationById.load(id);
  }

  @Query(() => OrganisationConnection, {
    description: 'Organisations ordered by id, optionally of one kind, paged.',
  })
  async organisations(
    @Args(() => OrganisationsArgs) args: OrganisationsArgs,
    @Ctx() { em }: RegionsContext,
  ): Promise<OrganisationConnection> {
    const first = validateFirst(args.first);
    const afterId = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const where = organisationsWhere(args);
    const rows = first === 0 ? [] : await listOrganisations(em, where, afterId, first + 1);
    return toConnection(
      OrganisationConnection,
      toPage(rows, first, afterId !== null, (organisation) => [organisation.id]),
      () => countOrganisations(em, where),
    );
  }

  // assumed: members of a network (CPMR has about 150 member regions)
  @ListSize(400)
  @FieldResolver(() => [Membership], {
    description: 'Members of this organisation (regions and organisations), with sources.',
  })
  members(@Root() organisation: Organisation, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByOrganisationId.load(organisation.id);
  }

  // assumed: networks an organisation belongs to
  @ListSize(50)
  @FieldResolver(() => [Membership], { description: 'Organisations this organisation is a member of.' })
  memberOf(@Root() organisation: Organisation, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByMemberOrganisationId.load(organisation.id);
  }

  @Authorized('admin')
  @Mutation(() => Organisation, { description: 'Adds a partner organisation (hub admins only).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput, { description: 'The new organisation.' })
    input: CreateOrganisationInput,
    @Ctx() context: RegionsContext,
  ): Promise<Organisation> {
    return createOrganisation(context, input);
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
    return updateOrganisation(context, input);
  }
}

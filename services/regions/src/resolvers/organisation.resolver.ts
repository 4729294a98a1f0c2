import { decodeCursor, toConnection, toPage, validateFirst } from '@hub/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { createConnectionType, PageArgs } from '@hub/kit';
import { Membership } from '../entities/membership.entity';
import { Organisation, OrganisationKind } from '../entities/organisation.entity';
import type { RegionsContext } from './types';

export const OrganisationConnection = createConnectionType(Organisation, 'Organisation', 'organisations');
export type OrganisationConnection = InstanceType<typeof OrganisationConnection>;

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationKind, { nullable: true, description: 'Only organisations of this kind.' })
  kind?: OrganisationKind | null;
}

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
    const where: FilterQuery<Organisation> = args.kind ? { kind: args.kind } : {};
    const filtered: FilterQuery<Organisation> = args.after
      ? { $and: [where, { id: { $gt: String(decodeCursor(args.after, 1)[0]) } }] }
      : where;
    const rows =
      first === 0 ? [] : await em.find(Organisation, filtered, { orderBy: { id: 'asc' }, limit: first + 1 });
    return toConnection(
      OrganisationConnection,
      toPage(rows, first, Boolean(args.after), (organisation) => [organisation.id]),
      () => em.count(Organisation, where),
    );
  }

  @FieldResolver(() => [Membership], {
    description: 'Members of this organisation (regions and organisations), with sources.',
  })
  members(@Root() organisation: Organisation, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByOrganisationId.load(organisation.id);
  }

  @FieldResolver(() => [Membership], { description: 'Organisations this organisation is a member of.' })
  memberOf(@Root() organisation: Organisation, @Ctx() { loaders }: RegionsContext): Promise<Membership[]> {
    return loaders.membershipsByMemberOrganisationId.load(organisation.id);
  }
}

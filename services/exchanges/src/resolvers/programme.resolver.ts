import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ApplicationConnection, PairingConnection, ProgrammeConnection } from '../entities/connections.type';
import { Programme } from '../entities/programme.entity';
import { Organisation, organisationReference } from '../entities/references.type';
import { ProgrammeListArgs } from '../inputs/programme.input';
import { PageArgs } from '@hub/kit';
import type { ExchangesContext } from '../loaders';
import { listPage } from '../queries/pages.query';
import { visibleProgramme } from '../queries/records.query';

/** Reading programmes: one by id, a page of them, their organiser, applications and pairings. */
@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, {
    nullable: true,
    description: 'One programme by id; null when there is none or it is a draft you may not see.',
  })
  programme(
    @Arg('id', () => ID, { description: 'The programme (its id).' }) id: string,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme | null> {
    return visibleProgramme(id, context);
  }

  @Query(() => ProgrammeConnection, {
    description: 'Programmes you may see (drafts only your organisation’s), newest first.',
  })
  programmes(@Args(() => ProgrammeListArgs) args: ProgrammeListArgs, @Ctx() context: ExchangesContext) {
    return listPage(context, 'programmes', '*', args, ProgrammeConnection);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that runs it.' })
  organiser(@Root() programme: Programme): Organisation {
    return organisationReference(programme.organiser);
  }

  @FieldResolver(() => ApplicationConnection, {
    description:
      "Its applications you may see, newest first: all of them for the organiser's editors and hub admins, your organisation's own otherwise (none when signed out).",
  })
  applications(
    @Root() programme: Programme,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ExchangesContext,
  ) {
    return listPage(context, 'programmeApplications', programme.id, args, ApplicationConnection);
  }

  @FieldResolver(() => PairingConnection, {
    description: 'Its pairings you may see (ACTIVE and COMPLETED ones are public), newest first.',
  })
  pairings(
    @Root() programme: Programme,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ExchangesContext,
  ) {
    return listPage(context, 'programmePairings', programme.id, args, PairingConnection);
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ProgrammeConnection } from '../entities/programme-connection.type';
import { Programme } from '../entities/programme.entity';
import { Organisation, organisationReference, Region, regionReference } from '../entities/references.type';
import { ProgrammeListArgs } from '../inputs/programme-list.input';
import type { ExchangesContext } from '../loaders';
import { programmePage } from '../queries/programme-list.query';

/** Reading programmes: one by id, a page of them, and the regions and organisations they point at. */
@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, {
    nullable: true,
    description: 'One programme by id, or null when there is none.',
  })
  programme(
    @Arg('id', () => ID, { description: 'The programme (its id).' }) id: string,
    @Ctx() context: ExchangesContext,
  ): Promise<Programme | null> {
    return context.loaders.programmeById.load(id);
  }

  @Query(() => ProgrammeConnection, {
    description: 'Programmes, oldest first, optionally about one region.',
  })
  programmes(@Args(() => ProgrammeListArgs) args: ProgrammeListArgs, @Ctx() context: ExchangesContext) {
    return programmePage(context.em, args);
  }

  @FieldResolver(() => Region, { description: 'The region it is about.' })
  region(@Root() programme: Programme): Region {
    return regionReference(programme.regionCode);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that recorded it.' })
  organisation(@Root() programme: Programme): Organisation {
    return organisationReference(programme.organisationId);
  }
}

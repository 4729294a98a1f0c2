import { PageArgs } from '@hub/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PairingConnection, ProgrammeConnection } from '../entities/connections.type';
import { Pairing } from '../entities/pairing.entity';
import { Event, Organisation, Region } from '../entities/references.type';
import type { ExchangesContext } from '../loaders';
import { listPage } from '../queries/pages.query';
import { canSeePairing, viewerOf } from '../queries/visibility.query';

/** What the exchanges subgraph adds to the regions subgraph's `Region`. Batched per request. */
@Resolver(() => Region)
export class RegionExchangesResolver {
  @FieldResolver(() => PairingConnection, {
    description:
      'Pairings with a mentor or mentee territory in this region or a region within it (those you may see: ACTIVE and COMPLETED ones are public), newest first.',
  })
  pairings(@Root() region: Region, @Args(() => PageArgs) args: PageArgs, @Ctx() context: ExchangesContext) {
    return listPage(context, 'regionPairings', region.code, args, PairingConnection);
  }
}

/** What the exchanges subgraph adds to the regions subgraph's `Organisation`. Batched per request. */
@Resolver(() => Organisation)
export class OrganisationExchangesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    description: 'Programmes this organisation runs (those you may see), newest first.',
  })
  programmes(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ExchangesContext,
  ) {
    return listPage(context, 'programmes', organisation.id, args, ProgrammeConnection);
  }

  @FieldResolver(() => PairingConnection, {
    description: 'Pairings this organisation is mentor or mentee in (those you may see), newest first.',
  })
  pairings(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: ExchangesContext,
  ) {
    return listPage(context, 'organisationPairings', organisation.id, args, PairingConnection);
  }
}

/** What the exchanges subgraph adds to the events subgraph's `Event`. */
@Resolver(() => Event)
export class EventExchangesResolver {
  @FieldResolver(() => Pairing, {
    nullable: true,
    description: 'The pairing this event is a study visit or workshop of, if you may see it; null otherwise.',
  })
  async pairing(@Root() event: Event, @Ctx() context: ExchangesContext): Promise<Pairing | null> {
    const viewer = viewerOf(context.caller);
    const pairings = await context.loaders.pairingsByEvent.load(event.id);
    return pairings.find((pairing) => canSeePairing(viewer, pairing)) ?? null;
  }
}

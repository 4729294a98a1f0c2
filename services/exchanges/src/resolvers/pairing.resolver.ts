import { ListSize } from '@hub/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Application } from '../entities/application.entity';
import { PairingSide } from '../entities/enums';
import { PairingFeedback } from '../entities/feedback.entity';
import { Pairing } from '../entities/pairing.entity';
import { PairingParty } from '../entities/party.type';
import { Programme } from '../entities/programme.entity';
import {
  Event,
  eventReference,
  Organisation,
  organisationReference,
  regionReference,
  Resource,
  resourceReference,
} from '../entities/references.type';
import type { ExchangesContext } from '../loaders';
import { visibleApplication, visiblePairing } from '../queries/records.query';
import { canSeeFeedback, viewerOf } from '../queries/visibility.query';

function party(pairing: Pairing, side: PairingSide): PairingParty {
  const mentor = side === PairingSide.MENTOR;
  return Object.assign(new PairingParty(), {
    side,
    organisation: organisationReference(mentor ? pairing.mentorOrganisation : pairing.menteeOrganisation),
    territory: regionReference(mentor ? pairing.mentorTerritory : pairing.menteeTerritory),
    acceptedAt: mentor ? pairing.mentorAcceptedAt : pairing.menteeAcceptedAt,
    applicationId: mentor ? pairing.mentorApplicationId : pairing.menteeApplicationId,
    organiser: pairing.organiser,
  });
}

/** Reading pairings: who with whom, on what; applications and feedback only for those concerned. */
@Resolver(() => Pairing)
export class PairingResolver {
  @Query(() => Pairing, {
    nullable: true,
    description: 'One pairing by id; null when there is none or you may not see it (see `PairingStatus`).',
  })
  pairing(
    @Arg('id', () => ID, { description: 'The pairing (its id).' }) id: string,
    @Ctx() context: ExchangesContext,
  ): Promise<Pairing | null> {
    return visiblePairing(id, context);
  }

  @FieldResolver(() => Programme, { description: 'The programme it belongs to.' })
  async programme(@Root() pairing: Pairing, @Ctx() context: ExchangesContext): Promise<Programme> {
    return (await context.loaders.programmeById.load(pairing.programmeId))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that runs the programme.' })
  organiser(@Root() pairing: Pairing): Organisation {
    return organisationReference(pairing.organiser);
  }

  @FieldResolver(() => PairingParty, { description: 'The mentor side.' })
  mentor(@Root() pairing: Pairing): PairingParty {
    return party(pairing, PairingSide.MENTOR);
  }

  @FieldResolver(() => PairingParty, { description: 'The mentee side.' })
  mentee(@Root() pairing: Pairing): PairingParty {
    return party(pairing, PairingSide.MENTEE);
  }

  // UpdatePairingInput.visits: at most 50
  @ListSize(50)
  @FieldResolver(() => [Event], {
    description: 'Its study visits and workshops, as events of the events subgraph, in the order recorded.',
  })
  visits(@Root() pairing: Pairing): Event[] {
    return pairing.visitEventIds.map(eventReference);
  }

  // UpdatePairingInput.outputs: at most 50
  @ListSize(50)
  @FieldResolver(() => [Resource], {
    description: 'Its outputs, as resources of the library subgraph, in the order recorded.',
  })
  outputs(@Root() pairing: Pairing): Resource[] {
    return pairing.outputResourceIds.map(resourceReference);
  }

  // one per side of the pairing
  @ListSize(2)
  @FieldResolver(() => [PairingFeedback], {
    description:
      "Feedback of the two sides you may see: both for the organiser's editors and hub admins, your own side's otherwise; oldest first.",
  })
  async feedback(@Root() pairing: Pairing, @Ctx() context: ExchangesContext): Promise<PairingFeedback[]> {
    const viewer = viewerOf(context.caller);
    const all = await context.loaders.feedbackByPairing.load(pairing.id);
    return all.filter((feedback) => canSeeFeedback(viewer, feedback, pairing.organiser));
  }
}

@Resolver(() => PairingParty)
export class PairingPartyResolver {
  @FieldResolver(() => Application, {
    nullable: true,
    description:
      "Its application; null unless you are its organisation, or the organiser's editor or a hub admin.",
  })
  async application(
    @Root() side: PairingParty,
    @Ctx() context: ExchangesContext,
  ): Promise<Application | null> {
    return (await visibleApplication(side.applicationId, context))?.application ?? null;
  }
}

@Resolver(() => PairingFeedback)
export class PairingFeedbackResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation that gave it.' })
  organisation(@Root() feedback: PairingFeedback): Organisation {
    return organisationReference(feedback.organisation);
  }
}

import { busSubscription, invalidInput, UUID_PATTERN } from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Pairing } from '../entities/pairing.entity';
import type { ExchangesContext } from '../loaders';
import { isParty, viewerOf, type Viewer } from '../queries/visibility.query';
import { PAIRING_CHANGED, type PairingChangedPayload } from '../writes/pairing-changed.write';

/** The two sides (any signed-in member) and the organiser (its editors, who read its pairings): nobody else. */
function concerns(viewer: Viewer, payload: PairingChangedPayload): boolean {
  return isParty(viewer, payload) || viewer.organiserEditorOf === payload.organiser;
}

@Resolver()
export class PairingSubscriptionResolver {
  @Subscription(() => Pairing, {
    description:
      "Changes to pairings after the write committed (proposed, accepted by one side or both, started, completed, declined, withdrawn, activities recorded), pushed to members of the two organisations and to the organiser's editors only.",
    subscribe: ({ args, context }) => {
      const ctx = context as ExchangesContext;
      const pairing = (args as { pairing?: string | null }).pairing ?? null;
      if (pairing && !UUID_PATTERN.test(pairing))
        throw invalidInput('pairing', 'must be a pairing id (a UUID)');
      const viewer = viewerOf(ctx.caller);
      return busSubscription<PairingChangedPayload>(
        ctx,
        PAIRING_CHANGED,
        (payload) => concerns(viewer, payload) && (!pairing || payload.id === pairing.toLowerCase()),
      );
    },
  })
  async pairingChanged(
    @Root() payload: PairingChangedPayload,
    @Arg('pairing', () => ID, { nullable: true, description: 'Only changes to this pairing.' })
    _pairing: string | null,
    @Ctx() { loaders }: ExchangesContext,
  ): Promise<Pairing> {
    return (await loaders.pairingById.load(payload.id))!;
  }
}

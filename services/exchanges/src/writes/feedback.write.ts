import { randomUUID } from 'node:crypto';
import { conflict, performWrite } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PairingStatus } from '../entities/enums';
import { PairingFeedback } from '../entities/feedback.entity';
import type { RecordPairingFeedbackInput } from '../inputs/pairing.input';
import type { ExchangesContext } from '../loaders';
import { pairingChanged } from './pairing-changed.write';
import { assertActsForSide, organisationOfSide, seenPairing } from './pairing.write';

function loadFeedback(em: EntityManager, id: string): Promise<PairingFeedback> {
  return em.findOneOrFail(PairingFeedback, id);
}

/** One side's feedback on an ACTIVE or COMPLETED pairing, once per side. */
export async function recordPairingFeedback(
  context: ExchangesContext,
  input: RecordPairingFeedbackInput,
): Promise<PairingFeedback> {
  const pairing = await seenPairing(context, input.pairing);
  assertActsForSide(context, pairing, input.side);
  if (pairing.status !== PairingStatus.ACTIVE && pairing.status !== PairingStatus.COMPLETED) {
    throw conflict(`Feedback is given on an ACTIVE or COMPLETED pairing; this one is ${pairing.status}.`, {
      currentStatus: pairing.status,
    });
  }
  const { idempotencyKey, ...request } = input;
  const created = await performWrite(
    context,
    { entity: 'PairingFeedback', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const existing = await em.findOne(PairingFeedback, { pairingId: pairing.id, side: input.side });
      if (existing)
        throw conflict(`The ${input.side} side already gave its feedback.`, { existingId: existing.id });
      const id = randomUUID();
      em.create(PairingFeedback, {
        id,
        pairingId: pairing.id,
        side: input.side,
        organisation: organisationOfSide(pairing, input.side),
        rating: input.rating,
        text: input.text.trim(),
      });
      // the pairing's `feedback` changed: its subscribers and the gateway's cache hear of it
      return {
        entityId: id,
        changedFields: ['pairing', 'side', 'rating', 'text'],
        events: [pairingChanged(pairing)],
      };
    },
    loadFeedback,
  );
  context.loaders.feedbackByPairing.clear(pairing.id);
  return created;
}

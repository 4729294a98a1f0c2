import type { DomainEvent } from '@hub/kit';
import type { PairingStatus } from '../entities/enums';
import type { Pairing } from '../entities/pairing.entity';

/** Bus topic of every committed change to a pairing. */
export const PAIRING_CHANGED = 'exchanges.pairingChanged';

/** What the bus carries: ids and status, and the three organisations that may receive it. */
export interface PairingChangedPayload extends Record<string, unknown> {
  id: string;
  status: PairingStatus;
  organiser: string;
  mentorOrganisation: string;
  menteeOrganisation: string;
}

export function pairingChanged(pairing: Pairing): DomainEvent {
  const payload: PairingChangedPayload = {
    id: pairing.id,
    status: pairing.status,
    organiser: pairing.organiser,
    mentorOrganisation: pairing.mentorOrganisation,
    menteeOrganisation: pairing.menteeOrganisation,
  };
  return { topic: PAIRING_CHANGED, payload };
}

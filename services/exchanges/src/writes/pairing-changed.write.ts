import type { DomainEvent } from '@hub/kit';
import type { PairingStatus } from '../entities/enums';
import type { Pairing } from '../entities/pairing.entity';

/** Bus topic of every committed change to a pairing (its feedback included). */
export const PAIRING_CHANGED = 'exchanges.pairingChanged';

/**
 * What the bus carries: ids and status, and the three organisations that may receive it. `programmeId`: the
 * programme whose list of pairings it is in (the gateway's response cache evicts what shows that list).
 */
export interface PairingChangedPayload extends Record<string, unknown> {
  id: string;
  programmeId: string;
  status: PairingStatus;
  organiser: string;
  mentorOrganisation: string;
  menteeOrganisation: string;
}

export function pairingChanged(
  pairing: Pick<
    Pairing,
    'id' | 'programmeId' | 'status' | 'organiser' | 'mentorOrganisation' | 'menteeOrganisation'
  >,
): DomainEvent {
  const payload: PairingChangedPayload = {
    id: pairing.id,
    programmeId: pairing.programmeId,
    status: pairing.status,
    organiser: pairing.organiser,
    mentorOrganisation: pairing.mentorOrganisation,
    menteeOrganisation: pairing.menteeOrganisation,
  };
  return { topic: PAIRING_CHANGED, payload };
}

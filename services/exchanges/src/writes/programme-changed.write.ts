import type { DomainEvent } from '@hub/kit';
import type { ProgrammeStatus } from '../entities/enums';
import type { Programme } from '../entities/programme.entity';

/**
 * Bus topic of every committed change to a programme's own fields (its status included). No subscription
 * reads it yet: the gateway's response cache does, to evict exactly the entries showing that programme.
 */
export const PROGRAMME_CHANGED = 'exchanges.programmeChanged';

/** What the bus carries: the id, and the status and organiser a subscriber would filter drafts by. */
export interface ProgrammeChangedPayload extends Record<string, unknown> {
  id: string;
  status: ProgrammeStatus;
  organiser: string;
}

export function programmeChanged(programme: Pick<Programme, 'id' | 'status' | 'organiser'>): DomainEvent {
  const payload: ProgrammeChangedPayload = {
    id: programme.id,
    status: programme.status,
    organiser: programme.organiser,
  };
  return { topic: PROGRAMME_CHANGED, payload };
}

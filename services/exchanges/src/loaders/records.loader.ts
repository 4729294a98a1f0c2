import { groupInKeyOrder, oneInKeyOrder, UUID_PATTERN } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Application } from '../entities/application.entity';
import { PairingFeedback } from '../entities/feedback.entity';
import { Pairing } from '../entities/pairing.entity';
import { Programme } from '../entities/programme.entity';

type EntityClass = typeof Programme | typeof Application | typeof Pairing;

/** Rows by id in one statement per request tick; a malformed id is simply not found. */
function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass) {
  return new DataLoader<string, T | null>(async (ids) => {
    const keys = ids.map((id) => id.toLowerCase());
    const valid = keys.filter((id) => UUID_PATTERN.test(id));
    const rows = valid.length ? ((await em.find(entity, { id: { $in: valid } })) as unknown as T[]) : [];
    return oneInKeyOrder(keys, rows, (row) => row.id);
  });
}

export const programmeByIdLoader = (em: EntityManager) => byIdLoader<Programme>(em, Programme);
export const applicationByIdLoader = (em: EntityManager) => byIdLoader<Application>(em, Application);
export const pairingByIdLoader = (em: EntityManager) => byIdLoader<Pairing>(em, Pairing);

/** The feedback of many pairings in one statement (`Pairing.feedback`). */
export function feedbackByPairingLoader(em: EntityManager) {
  return new DataLoader<string, PairingFeedback[]>(async (ids) => {
    const rows = await em.find(
      PairingFeedback,
      { pairingId: { $in: [...ids] } },
      { orderBy: { createdAt: 'asc' } },
    );
    return groupInKeyOrder(ids, rows, (row) => row.pairingId);
  });
}

/** The pairings whose visits include each event, in one statement (`Event.pairing`). */
export function pairingsByEventLoader(em: EntityManager) {
  return new DataLoader<string, Pairing[]>(async (ids) => {
    const keys = ids.map((id) => id.toLowerCase());
    const valid = keys.filter((id) => UUID_PATTERN.test(id));
    const rows = valid.length
      ? await em.find(Pairing, { visitEventIds: { $overlap: valid } }, { orderBy: { createdAt: 'asc' } })
      : [];
    return keys.map((key) => rows.filter((row) => row.visitEventIds.includes(key)));
  });
}

import { oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Indicator } from '../entities/indicator.entity';

/** An indicator by code (null when none has it). */
export function indicatorByCodeLoader(em: EntityManager) {
  return new DataLoader<string, Indicator | null>(async (codes) =>
    oneInKeyOrder(codes, await em.find(Indicator, { code: { $in: [...codes] } }), (row) => row.code),
  );
}

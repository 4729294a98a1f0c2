import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { countResourcesByRegion } from '../queries/resource-list.query';

/** How many resources each region has, for many regions in one statement (`Region.resourceCount`). */
export function resourceCountLoader(em: EntityManager) {
  return new DataLoader<string, number>(async (regionCodes) => {
    const counts = await countResourcesByRegion(em, [...regionCodes]);
    return regionCodes.map((code) => counts.get(code) ?? 0);
  });
}

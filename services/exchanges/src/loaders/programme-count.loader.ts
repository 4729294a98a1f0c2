import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { countProgrammesByRegion } from '../queries/programme-list.query';

/** How many programmes each region has, for many regions in one statement (`Region.programmeCount`). */
export function programmeCountLoader(em: EntityManager) {
  return new DataLoader<string, number>(async (regionCodes) => {
    const counts = await countProgrammesByRegion(em, [...regionCodes]);
    return regionCodes.map((code) => counts.get(code) ?? 0);
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { count__Entities__ByRegion } from '../queries/__entity-kebab__-list.query';

/** How many __entities_words__ each region has, for many regions in one statement (`Region.__entity__Count`). */
export function __entity__CountLoader(em: EntityManager) {
  return new DataLoader<string, number>(async (regionCodes) => {
    const counts = await count__Entities__ByRegion(em, [...regionCodes]);
    return regionCodes.map((code) => counts.get(code) ?? 0);
  });
}

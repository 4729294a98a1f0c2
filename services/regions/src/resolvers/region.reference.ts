import type { Region } from '../entities/region.entity';
import type { RegionsContext } from '../loaders';

/** `_entities` lookup of a Region by its key. */
export function resolveRegionReference(
  reference: { code: string },
  context: RegionsContext,
): Promise<Region | null> {
  return context.loaders.regionByCode.load(reference.code);
}

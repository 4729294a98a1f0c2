import type { Indicator } from '../entities/indicator.entity';
import type { IndicatorsContext } from '../loaders';

/** `_entities` lookup of an Indicator by its key. */
export function resolveIndicatorReference(
  reference: { code: string },
  context: IndicatorsContext,
): Promise<Indicator | null> {
  return context.loaders.indicatorByCode.load(reference.code);
}

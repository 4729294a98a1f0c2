import { invalidInput } from '@hub/kit';
import type { Breakdown } from '../entities/enums';
import type { Indicator } from '../entities/indicator.entity';
import type { IndicatorsLoaders } from '../loaders';

/** The indicator an argument names; an unknown code is a BAD_USER_INPUT at `path`. */
export async function requireIndicator(
  loaders: IndicatorsLoaders,
  code: string,
  path = 'indicator',
): Promise<Indicator> {
  const indicator = await loaders.indicatorByCode.load(code);
  if (!indicator) throw invalidInput(path, `unknown indicator "${code}"`);
  return indicator;
}

/** The breakdown asked for, or the indicator's first (main) breakdown when none was given. */
export function breakdownOrDefault(indicator: Indicator, breakdown: Breakdown | null | undefined): Breakdown {
  return breakdown ?? (indicator.breakdowns[0] as Breakdown);
}

/** A country argument (the code of a level-0 region) as stored: trimmed, upper case. */
export function countryCode(country: string): string {
  return country.trim().toUpperCase();
}

import { badUserInput } from '@hub/kit';
import type { Breakdown } from '../entities/enums';
import type { Indicator } from '../entities/indicator.entity';
import type { IndicatorsLoaders } from '../loaders/loaders';

/** The indicator an argument names; an unknown code is a BAD_USER_INPUT naming the argument. */
export async function requireIndicator(
  loaders: IndicatorsLoaders,
  code: string,
  argumentName = 'indicator',
): Promise<Indicator> {
  const indicator = await loaders.indicatorByCode.load(code);
  if (!indicator) throw badUserInput(`No indicator has code "${code}".`, argumentName);
  return indicator;
}

/** The breakdown asked for, or the indicator's first (main) breakdown when none was given. */
export function breakdownOrDefault(indicator: Indicator, breakdown: Breakdown | null | undefined): Breakdown {
  return breakdown ?? (indicator.breakdowns[0] as Breakdown);
}

/** A difference of two values without floating-point noise (75.6 − 66.7 = 8.9, not 8.899999999999991). */
export function difference(first: number, second: number): number {
  return Math.round((first - second) * 1e6) / 1e6;
}

/** Validates an optional year argument. */
export function validatePeriod(period: number | null | undefined, argumentName: string): void {
  if (
    period !== null &&
    period !== undefined &&
    (!Number.isInteger(period) || period < 1900 || period > 2100)
  ) {
    throw badUserInput(
      `Argument "${argumentName}" must be a year from 1900 to 2100 (got ${period}).`,
      argumentName,
    );
  }
}

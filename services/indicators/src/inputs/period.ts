import { invalidInput } from '@hub/kit';

/** The current year in UTC: no observation may be for a later year (a value cannot describe the future). */
export function currentYear(now: Date = new Date()): number {
  return now.getUTCFullYear();
}

/** Why `period` is refused, or null when it is not later than the current year. */
export function futurePeriodProblem(period: number, now: Date = new Date()): string | null {
  const year = currentYear(now);
  return period > year ? `${period} is later than the current year (${year})` : null;
}

/** A BAD_USER_INPUT at `path` when `period` is later than the current year. */
export function assertPastOrCurrentPeriod(path: string, period: number, now: Date = new Date()): void {
  const problem = futurePeriodProblem(period, now);
  if (problem) throw invalidInput(path, problem);
}

/** How many of the regions compared have a value in one year. */
export interface PeriodCoverage {
  period: number;
  regions: number;
}

/**
 * The year a ranking or comparison without `period` uses: the latest year with values for at least half of the
 * regions compared, so that one partner recording a value for a new year does not make the others vanish. When
 * no year covers half of them (values spread over many years), the year covering the most of them, the latest
 * of those. Null when no region has a value at all.
 */
export function chooseDefaultPeriod(coverage: readonly PeriodCoverage[], compared: number): number | null {
  const latestFirst = [...coverage].sort((a, b) => b.period - a.period);
  const covering = latestFirst.find((year) => year.regions * 2 >= compared);
  if (covering) return covering.period;
  const [most] = latestFirst.sort((a, b) => b.regions - a.regions || b.period - a.period);
  return most?.period ?? null;
}

import type { Seed } from '@hub/kit';

/**
 * First-start seeds: none. A resource may be seeded only with its title, publisher, date and link exactly as its
 * source states them; the hub's reference data (../shared/data) names the CoR study "Barometer on the Territorial
 * Impact of Migration" but gives no exact title, date or link for it, and there is no internet access here to
 * check one, so nothing is seeded (README.md says so).
 */
export const seeds: Seed[] = [];

import type { Seed } from '@hub/kit';

/** No seeds: there are no real forum posts to seed, and none are invented, so the database starts empty. */
export const seeds: Seed[] = [];

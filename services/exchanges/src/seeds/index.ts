import type { Seed } from '@hub/kit';

/** First-start seeds: none. Programmes, applications and pairings are recorded by partners; none is invented. */
export const seeds: Seed[] = [];

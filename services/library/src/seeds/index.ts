import type { Seed } from '@hub/kit';

/** First-start seeds: none, resources are recorded by partners (add `*.seed.ts` files here when data exists). */
export const seeds: Seed[] = [];

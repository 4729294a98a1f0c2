import type { Seed } from '@hub/kit';

/** First-start seeds: none, __entities_words__ are recorded by partners (add `*.seed.ts` files here when data exists). */
export const seeds: Seed[] = [];

import type { Seed } from '@hub/kit';
import { forumOfForefrontRegionsSeed } from './forum-of-forefront-regions.seed';
import { referenceDataSeed } from './reference-data.seed';

/** First-start seeds of the regions database, in order (each runs once, recorded in `hub_seed_runs`). */
export const seeds: Seed[] = [referenceDataSeed, forumOfForefrontRegionsSeed];

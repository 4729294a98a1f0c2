import type { Seed } from '@hub/kit';
import { eurostatIndicatorsSeed } from './eurostat.seed';

/** First-start seeds of the indicators database (each runs once, recorded in `hub_seed_runs`). */
export const seeds: Seed[] = [eurostatIndicatorsSeed];

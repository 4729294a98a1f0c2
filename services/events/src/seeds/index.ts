import type { Seed } from '@hub/kit';
import { partnershipEventsSeed } from './partnership-events.seed';

/** First-start seeds: the documented milestones of the partnership (see partnership-events.data.ts). */
export const seeds: Seed[] = [partnershipEventsSeed];

import type { Seed } from '@hub/kit';

/**
 * No seeds: the hub never invents a consultation or an answer, and no source lists consultations of the
 * partnership with their questions. Consultations are created by their organisers through the API.
 */
export const seeds: Seed[] = [];

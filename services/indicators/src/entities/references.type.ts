import { createReferenceTypes } from '@hub/kit';

/**
 * This subgraph's own `Region` (key `code`) and `Organisation` (key `id`) stubs: the regions subgraph owns both;
 * indicators adds fields to them (resolvers/*.reference.ts) and returns them from `Observation.region`,
 * `contributedBy` … with only the key set, the gateway fetches the rest.
 */
export const {
  Region,
  Organisation,
  region: regionReference,
  organisation: organisationReference,
  references,
} = createReferenceTypes();
export type Region = InstanceType<typeof Region>;
export type Organisation = InstanceType<typeof Organisation>;

import { createReferenceTypes } from '@hub/kit';

/**
 * The regions subgraph's `Region` (key `code`) and `Organisation` (key `id`) as this subgraph extends them:
 * fresh stub classes holding only the key (the kit's factory, called once per subgraph); the gateway fetches
 * their other fields from regions.
 */
const referenceTypes = createReferenceTypes();

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;

/** Stubs for a region code / an organisation id. */
export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;

/** `_entities` for Region and Organisation: a stub for any well-formed key (regions owns the lists). */
export const references = referenceTypes.references;

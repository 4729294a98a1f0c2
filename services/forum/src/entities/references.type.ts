import { createReferenceType, createReferenceTypes, EVENT_REFERENCE } from '@hub/kit';

/**
 * Types other subgraphs own, as this one extends them: the regions subgraph's `Region` (key `code`) and
 * `Organisation` (key `id`), to which `Region.threads` and `Organisation.threads` are added, and the events
 * subgraph's `Event`, extended with its discussion thread. Fresh stub classes holding only the key (the kit's
 * factories, called once per subgraph); the gateway fetches the rest from the owners.
 */
const referenceTypes = createReferenceTypes();
const eventType = createReferenceType(EVENT_REFERENCE);

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;
export const Event = eventType.Type;
export type Event = InstanceType<typeof Event>;

export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;
export const eventReference = eventType.reference;

/** `_entities` for Region, Organisation (any well-formed key: regions owns the lists) and Event (any UUID). */
export const referenceResolvers = { ...referenceTypes.references, Event: eventType.resolver };

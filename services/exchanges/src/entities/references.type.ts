import { createReferenceType, createReferenceTypes, EVENT_REFERENCE, UUID_PATTERN } from '@hub/kit';

/**
 * Types other subgraphs own, as this one extends them: `Region` and `Organisation` (regions) get `pairings` and
 * `programmes`, `Event` (events) gets `pairing`, and `Resource` (library) is the target of `Pairing.outputs`.
 * Stubs hold only the key; the gateway fetches the rest from the owner (the kit's factories, called once per
 * subgraph).
 */
const referenceTypes = createReferenceTypes();
const eventType = createReferenceType(EVENT_REFERENCE);
/** The library subgraph's `Resource`, only as the target of `Pairing.outputs`. */
const resourceType = createReferenceType(
  {
    typename: 'Resource',
    description: 'A resource of the partnership library.',
    key: 'id',
    keyDescription: 'Stable identifier (a UUID).',
    pattern: UUID_PATTERN,
  },
  { resolvable: false },
);

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;
export const Event = eventType.Type;
export type Event = InstanceType<typeof Event>;
export const Resource = resourceType.Type;
export type Resource = InstanceType<typeof Resource>;

export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;
export const eventReference = eventType.reference;
export const resourceReference = resourceType.reference;

/** `_entities` of the types this subgraph extends: a stub for any well-formed key (the owners hold the rows). */
export const referenceResolvers = { ...referenceTypes.references, Event: eventType.resolver };

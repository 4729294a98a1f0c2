import { createActivityReferenceTypes, createReferenceTypes } from '@hub/kit';

/**
 * Types other subgraphs own, as this one extends them: `Region` and `Organisation` (regions) get
 * `consultations` and `needs`, `Event` (events) gets `consultations`, and `Thread` (forum) is the target of
 * `Consultation.discussion` (a reference only). Stubs hold only the key; the gateway fetches the rest from the
 * owner (the kit's factories, called once per subgraph).
 */
const referenceTypes = createReferenceTypes();
const activityTypes = createActivityReferenceTypes({ threadResolvable: false });

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;
export const Event = activityTypes.Event;
export type Event = InstanceType<typeof Event>;
export const Thread = activityTypes.Thread;
export type Thread = InstanceType<typeof Thread>;

export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;
export const eventReference = activityTypes.event;
export const threadReference = activityTypes.thread;

/** `_entities` of the types this subgraph extends: a stub for any well-formed key (the owners hold the rows). */
export const referenceResolvers = { ...referenceTypes.references, ...activityTypes.references };

import { createReferenceTypes, referenceConstructor, referenceResolver, UUID_PATTERN } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Types other subgraphs own, as this one extends them: `Region` and `Organisation` (regions) get `pairings` and
 * `programmes`, `Event` (events) gets `pairing`, and `Resource` (library) is the target of `Pairing.outputs`.
 * Stubs hold only the key; the gateway fetches the rest from the owner.
 */
const referenceTypes = createReferenceTypes();

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;

export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;

/** The events subgraph's `Event` (description as its owner gives it). */
@ObjectType('Event', {
  description:
    'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …',
})
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  id!: string;
}

/** The library subgraph's `Resource`, only as the target of `Pairing.outputs`. */
@ObjectType('Resource', { description: 'A resource of the partnership library.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Resource {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  id!: string;
}

export const eventReference = referenceConstructor(Event, 'id');
export const resourceReference = referenceConstructor(Resource, 'id');

/** `_entities` of the types this subgraph extends: a stub for any well-formed key (the owners hold the rows). */
export const referenceResolvers = {
  ...referenceTypes.references,
  Event: referenceResolver(Event, 'id', UUID_PATTERN),
};

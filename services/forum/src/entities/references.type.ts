import { createReferenceTypes, referenceConstructor, referenceResolver, UUID_PATTERN } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The regions subgraph's `Region` (key `code`) and `Organisation` (key `id`) as this subgraph extends them:
 * fresh stub classes holding only the key (the kit's factory), to which `Region.threads` and
 * `Organisation.threads` are added; the gateway fetches the rest from regions.
 */
const referenceTypes = createReferenceTypes();

export const Region = referenceTypes.Region;
export type Region = InstanceType<typeof Region>;
export const Organisation = referenceTypes.Organisation;
export type Organisation = InstanceType<typeof Organisation>;

export const regionReference = referenceTypes.region;
export const organisationReference = referenceTypes.organisation;

/** The events subgraph's `Event`, extended with its discussion thread; descriptions are the owner's. */
@ObjectType('Event', {
  description:
    'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …',
})
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  id!: string;
}

export const eventReference = referenceConstructor(Event, 'id');

/** `_entities` for Region, Organisation (any well-formed key: regions owns the lists) and Event (any UUID). */
export const referenceResolvers = {
  ...referenceTypes.references,
  Event: referenceResolver(Event, 'id', UUID_PATTERN),
};

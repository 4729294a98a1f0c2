import {
  NUTS_CODE_PATTERN,
  ORGANISATION_ID_PATTERN,
  referenceConstructor,
  referenceResolver,
  UUID_PATTERN,
} from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The regions subgraph's `Region`, as this subgraph extends it: only the key; names, levels and the rest come
 * from regions through the gateway. The description is the owner's, word for word.
 */
@ObjectType('Region', {
  description:
    'A territorial unit of the NUTS 2024 classification (EU-27) or of the 2024 statistical regions (EFTA and candidate countries), levels 0 (country) to 3. Source: Eurostat.',
})
@Directive('@key(fields: "code")')
export class RegionReference {
  @Field(() => ID, { description: 'NUTS 2024 code, e.g. "FR10" (Ile-de-France) or "EL43" (Kriti).' })
  code!: string;
}

/** The regions subgraph's `Organisation`, extended with the threads it started. */
@ObjectType('Organisation', {
  description:
    'A partner organisation of the hub: an EU body, a network of regions or cities, or a region or city.',
})
@Directive('@key(fields: "id")')
export class OrganisationReference {
  @Field(() => ID, { description: 'Stable identifier, e.g. "cor", "cpmr", "cpmr-north-sea-commission".' })
  id!: string;
}

/** The events subgraph's `Event`, extended with its discussion thread; descriptions are the owner's. */
@ObjectType('Event', {
  description:
    'An activity of the CoR / European Commission partnership on integration or of the Cities and Regions for Integration initiative: a roundtable, workshop, study visit, conference, plenary …',
})
@Directive('@key(fields: "id")')
export class EventReference {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  id!: string;
}

export const regionReference = referenceConstructor(RegionReference, 'code');
export const organisationReference = referenceConstructor(OrganisationReference, 'id');
export const eventReference = referenceConstructor(EventReference, 'id');

/** `_entities` for Region: any well-formed code (regions owns the list); anything else is null. */
export const resolveRegionReference = referenceResolver(RegionReference, 'code', NUTS_CODE_PATTERN);

/** `_entities` for Organisation: any well-formed id (regions owns the list); anything else is null. */
export const resolveOrganisationReference = referenceResolver(
  OrganisationReference,
  'id',
  ORGANISATION_ID_PATTERN,
);

/** `_entities` for Event: any UUID (events owns the list); anything else is null. */
export const resolveEventReference = referenceResolver(EventReference, 'id', UUID_PATTERN);

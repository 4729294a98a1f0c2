import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN } from '@hub/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Thread and post ids, event ids: UUIDs. Checked before they reach a `uuid` column (else PostgreSQL errors). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export function regionReference(code: string): RegionReference {
  return Object.assign(new RegionReference(), { code });
}

export function organisationReference(id: string): OrganisationReference {
  return Object.assign(new OrganisationReference(), { id });
}

export function eventReference(id: string): EventReference {
  return Object.assign(new EventReference(), { id });
}

/** `_entities` for Region: any well-formed code (regions owns the list); anything else is null. */
export function resolveRegionReference(reference: { code: string }): RegionReference | null {
  return NUTS_CODE_PATTERN.test(reference.code) ? regionReference(reference.code) : null;
}

/** `_entities` for Organisation: any well-formed id (regions owns the list); anything else is null. */
export function resolveOrganisationReference(reference: { id: string }): OrganisationReference | null {
  return ORGANISATION_ID_PATTERN.test(reference.id) ? organisationReference(reference.id) : null;
}

/** `_entities` for Event: any UUID (events owns the list); anything else is null. */
export function resolveEventReference(reference: { id: string }): EventReference | null {
  return UUID_PATTERN.test(reference.id) ? eventReference(reference.id) : null;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { referenceConstructor, referenceResolver } from './references';
import { NUTS_CODE_PATTERN, ORGANISATION_ID_PATTERN } from '../vocabulary/patterns';

// Descriptions as the regions subgraph (which owns both types) gives them: composition keeps one.
const REGION_DESCRIPTION =
  'A territorial unit of the NUTS 2024 classification (EU-27) or of the 2024 statistical regions (EFTA and candidate countries), levels 0 (country) to 3. Source: Eurostat.';
const REGION_CODE_DESCRIPTION = 'NUTS 2024 code, e.g. "FR10" (Ile-de-France) or "EL43" (Kriti).';
const ORGANISATION_DESCRIPTION =
  'A partner organisation of the hub: an EU body, a network of regions or cities, or a region or city.';
const ORGANISATION_ID_DESCRIPTION = 'Stable identifier, e.g. "cor", "cpmr", "cpmr-north-sea-commission".';

/**
 * Fresh `Region` (key `code`) and `Organisation` (key `id`) reference types for ONE subgraph that extends
 * them (the regions subgraph owns both), with stub constructors and `__resolveReference`s. Call once per
 * subgraph, at module level: type-graphql's metadata is global and the hub runs every subgraph in one process,
 * so a class shared by two subgraphs would carry one subgraph's field resolvers into the other's schema.
 *
 * ```ts
 * export const { Region, Organisation, region, organisation, references } = createReferenceTypes();
 * export type Region = InstanceType<typeof Region>;
 * // resolvers/region.reference.ts: @Resolver(() => Region) class … { @FieldResolver(() => [Event]) events(…) }
 * // subgraph.ts: defineSubgraph({ …, references: { ...references } })
 * ```
 */
export function createReferenceTypes() {
  @ObjectType('Region', { description: REGION_DESCRIPTION })
  @Directive('@key(fields: "code")')
  class Region {
    @Field(() => ID, { description: REGION_CODE_DESCRIPTION })
    code!: string;
  }

  @ObjectType('Organisation', { description: ORGANISATION_DESCRIPTION })
  @Directive('@key(fields: "id")')
  class Organisation {
    @Field(() => ID, { description: ORGANISATION_ID_DESCRIPTION })
    id!: string;
  }

  return {
    Region,
    Organisation,
    /** A `Region` stub for a code (this subgraph's fields resolve on it; the gateway fetches the rest). */
    region: referenceConstructor(Region, 'code'),
    /** An `Organisation` stub for an id. */
    organisation: referenceConstructor(Organisation, 'id'),
    /** `__resolveReference`s: a stub for any well-formed key (regions owns the lists), null otherwise. */
    references: {
      Region: referenceResolver(Region, 'code', NUTS_CODE_PATTERN),
      Organisation: referenceResolver(Organisation, 'id', ORGANISATION_ID_PATTERN),
    },
  };
}

/** What `createReferenceTypes` returns. */
export type ReferenceTypes = ReturnType<typeof createReferenceTypes>;

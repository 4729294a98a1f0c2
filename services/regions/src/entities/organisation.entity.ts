import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum OrganisationKind {
  EU_INSTITUTION = 'EU_INSTITUTION',
  EU_COMMISSION_SERVICE = 'EU_COMMISSION_SERVICE',
  REGIONAL_NETWORK = 'REGIONAL_NETWORK',
  GEOGRAPHICAL_COMMISSION = 'GEOGRAPHICAL_COMMISSION',
  CITY_NETWORK = 'CITY_NETWORK',
  LOCAL_AND_REGIONAL_NETWORK = 'LOCAL_AND_REGIONAL_NETWORK',
  REGION = 'REGION',
  CITY = 'CITY',
  OTHER = 'OTHER',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of body an organisation is.',
  valuesConfig: {
    EU_INSTITUTION: {
      description: 'An EU institution or advisory body, e.g. the European Committee of the Regions.',
    },
    EU_COMMISSION_SERVICE: { description: 'A department of the European Commission, e.g. DG HOME.' },
    REGIONAL_NETWORK: { description: 'A European network of regions, e.g. CPMR or AER.' },
    GEOGRAPHICAL_COMMISSION: { description: 'One of the six geographical commissions of CPMR.' },
    CITY_NETWORK: { description: 'A network of cities, e.g. Eurocities.' },
    LOCAL_AND_REGIONAL_NETWORK: {
      description: 'An association of both local and regional governments, e.g. CEMR.',
    },
    REGION: { description: 'A regional authority taking part as a partner.' },
    CITY: { description: 'A city or municipality taking part as a partner.' },
    OTHER: { description: 'Any other partner organisation.' },
  },
});

@ObjectType('Organisation', {
  description:
    'A partner organisation of the hub: an EU body, a network of regions or cities, or a region or city.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'organisation' })
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier, e.g. "cor", "cpmr", "cpmr-north-sea-commission".' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => String, { description: 'Official name in English.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Usual acronym, e.g. "CPMR".' })
  @Property({ type: 'text', nullable: true })
  acronym!: string | null;

  @Field(() => OrganisationKind, { description: 'What kind of body this is.' })
  @Property({ type: 'text' })
  @Index()
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Official website.' })
  @Property({ type: 'text', nullable: true })
  websiteUrl!: string | null;

  @Field(() => String, { description: 'One factual sentence on what the organisation is.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Where the facts about this organisation come from.' })
  @Property({ type: 'text', nullable: true })
  sourceUrl!: string | null;

  @Field(() => Int, { description: 'Row version for optimistic locking; increases with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

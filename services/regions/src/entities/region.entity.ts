import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { RegionClassification } from './enums';

/**
 * A NUTS 2024 region or statistical region of levels 0-3. GraphQL object type and table row in one;
 * relations (parent, children, memberships …) are resolved through per-request DataLoaders, not ORM relations.
 */
@ObjectType('Region', {
  description:
    'A territorial unit of the NUTS 2024 classification (EU-27) or of the 2024 statistical regions (EFTA and candidate countries), levels 0 (country) to 3. Source: Eurostat.',
})
@Directive('@key(fields: "code")')
@Entity({ tableName: 'region' })
@Index({ properties: ['level', 'code'] })
export class Region {
  @Field(() => ID, { description: 'NUTS 2024 code, e.g. "FR10" (Ile-de-France) or "EL43" (Kriti).' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => Int, {
    description: 'NUTS level: 0 country, 1 major socio-economic region, 2 basic region, 3 small region.',
  })
  @Property({ type: 'smallint' })
  level!: number;

  @Field(() => String, {
    description: 'Name in Latin script (Eurostat transliteration for Greek and Cyrillic names).',
  })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Name in the national language and script, e.g. "Κρήτη".' })
  @Property({ type: 'text' })
  nationalName!: string;

  /**
   * Eurostat's two-letter country code: the code of the level-0 region (`EL` for Greece). GraphQL shows it as
   * `country` (the Region) and, in ISO 3166-1 spelling, as `isoCountryCode` (the kit's `isoCountryCodeOf`).
   */
  @Property({ type: 'text' })
  @Index()
  countryCode!: string;

  @Property({ type: 'text', nullable: true })
  @Index()
  parentCode!: string | null;

  @Field(() => Boolean, {
    description:
      'True for Extra-Regio units (codes ending in Z): territory outside any region. Left out of lists unless asked for.',
  })
  @Property({ type: 'boolean' })
  isExtraRegio!: boolean;

  @Field(() => Boolean, { description: 'True when the region lies in one of the 27 EU member states.' })
  @Property({ type: 'boolean' })
  isEu!: boolean;

  @Field(() => RegionClassification, { description: 'The 2024 classification the code belongs to.' })
  @Property({ type: 'text' })
  classification!: RegionClassification;

  /** GISCO MOUNT_TYPE code (1-4), carried over from NUTS 2021 only for unchanged regions. */
  @Property({ type: 'smallint', nullable: true })
  mountainType!: number | null;

  /** GISCO URBN_TYPE code (1-3), same rule. */
  @Property({ type: 'smallint', nullable: true })
  urbanRuralType!: number | null;

  /** GISCO COAST_TYPE code (1-3), same rule. */
  @Property({ type: 'smallint', nullable: true })
  coastalType!: number | null;

  /** GeoJSON geometry; lazy so lists never read it unless the field is asked for. */
  @Property({ type: 'jsonb', nullable: true, lazy: true })
  geometry?: Record<string, unknown> | null;

  /** Latin and national names and code, case-, accent- and punctuation-folded, for `search`. */
  @Property({ type: 'text' })
  searchText!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}

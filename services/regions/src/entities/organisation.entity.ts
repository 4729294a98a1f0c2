import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OrganisationKind } from './enums';

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

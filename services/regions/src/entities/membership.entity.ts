import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Membership', {
  description:
    'Membership of a region or an organisation in an organisation (e.g. a region in CPMR, a geographical commission in CPMR), with its source.',
})
@Entity({ tableName: 'membership' })
@Index({ properties: ['memberRegionCode'] })
@Index({ properties: ['memberOrganisationId'] })
export class Membership {
  @Field(() => ID, { description: 'Identifier of the membership record.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Property({ type: 'text' })
  @Index()
  organisationId!: string;

  @Property({ type: 'text', nullable: true })
  memberRegionCode!: string | null;

  @Property({ type: 'text', nullable: true })
  memberOrganisationId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Role of the member where the source states one, e.g. "member".',
  })
  @Property({ type: 'text', nullable: true })
  role!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day the membership began, where the source states it.',
  })
  @Property({ type: 'date', nullable: true })
  since!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day of the membership, if it has ended.',
  })
  @Property({ type: 'date', nullable: true })
  until!: string | null;

  @Field(() => String, { description: 'Where this membership is documented, in words.' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => [String], { description: 'Addresses of the documents that name this membership.' })
  @Property({ type: 'jsonb' })
  sourceUrls!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Remarks from the source, e.g. how the membership was evidenced.',
  })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => Boolean, {
    description:
      'True when the record comes from a partial list (e.g. the CPMR members that public sources name).',
  })
  @Property({ type: 'boolean' })
  isPartialList!: boolean;

  @Field(() => Int, { description: 'Row version for optimistic locking; increases with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}

import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A programme recorded by a partner organisation about one region. `regionCode` and `organisationId` are keys
 * of entities the regions subgraph owns; the schema shows them as `region` and `organisation` objects (see
 * resolvers/programme.resolver.ts).
 */
@ObjectType('Programme', {
  description: 'A programme a partner organisation recorded about one region.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'programme' })
export class Programme {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Title, 3-200 characters of plain text.' })
  @Property({ type: 'text' })
  title!: string;

  /** NUTS code of the region (shown as `region`). */
  @Property({ type: 'text' })
  regionCode!: string;

  /** The organisation that recorded it (shown as `organisation`); only its members may change it. */
  @Property({ type: 'text' })
  organisationId!: string;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

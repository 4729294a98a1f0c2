import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PairingSide } from './enums';

/** Feedback of one side of a pairing: at most one per side (unique index), never public. */
@ObjectType('PairingFeedback', {
  description:
    "Feedback of one side of a pairing on how it went. Visible only to the organiser's editors and hub admins, and to the organisation that gave it.",
})
@Entity({ tableName: 'pairing_feedback' })
export class PairingFeedback {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  pairingId!: string;

  @Field(() => PairingSide, { description: 'The side that gave it.' })
  @Property({ type: 'text' })
  side!: PairingSide;

  /** Organisation id of the side that gave it; exposed as `organisation: Organisation!`. */
  @Property({ type: 'text' })
  organisation!: string;

  @Field(() => Int, { description: 'Rating from 1 (poor) to 5 (excellent).' })
  @Property({ type: 'smallint' })
  rating!: number;

  @Field(() => String, { description: 'Plain text, at most 5,000 characters.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => DateTimeScalar, { description: 'When it was given.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();
}

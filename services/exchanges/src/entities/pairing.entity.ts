import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar, PolicyArea } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PairingStatus } from './enums';

/**
 * A mentor application paired with a mentee application of the same programme. The organisations, territories
 * and organiser are copied from the applications and programme when proposed (they never change), so lists by
 * region or organisation and visibility need no join.
 */
@ObjectType('Pairing', {
  description:
    'A mentor paired with a mentee in a programme, proposed by the organiser and accepted by both organisations. ACTIVE and COMPLETED pairings are public (who with whom, on what); the others only to the two organisations and the organiser.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'pairing' })
export class Pairing {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Exposed as `programme: Programme!`. */
  @Property({ type: 'uuid' })
  programmeId!: string;

  /** Organisation id of the programme's organiser. */
  @Property({ type: 'text' })
  organiser!: string;

  /** Exposed as `mentorApplication: Application` (when visible). */
  @Property({ type: 'uuid' })
  mentorApplicationId!: string;

  @Property({ type: 'uuid' })
  menteeApplicationId!: string;

  /** Exposed as `mentor { organisation territory }`. */
  @Property({ type: 'text' })
  mentorOrganisation!: string;

  @Property({ type: 'text' })
  mentorTerritory!: string;

  @Property({ type: 'text' })
  menteeOrganisation!: string;

  @Property({ type: 'text' })
  menteeTerritory!: string;

  @Field(() => [PolicyArea], { description: 'What the two work on.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  policyAreas: PolicyArea[] & Opt = [];

  @Field(() => PairingStatus, { description: 'Where the pairing is in its life.' })
  @Property({ type: 'text' })
  status: PairingStatus & Opt = PairingStatus.PROPOSED;

  /** Exposed as `mentor.acceptedAt`. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  mentorAcceptedAt: Date | null = null;

  /** Exposed as `mentee.acceptedAt`. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  menteeAcceptedAt: Date | null = null;

  /** Event ids of its study visits and workshops (events subgraph); exposed as `visits: [Event!]!`. */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  visitEventIds: string[] & Opt = [];

  /** Resource ids of its outputs (library subgraph); exposed as `outputs: [Resource!]!`. */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  outputResourceIds: string[] & Opt = [];

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When it was proposed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

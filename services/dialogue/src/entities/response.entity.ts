import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ResponseStatus } from './enums';

/**
 * What one organisation answered for one territory. Private: seen only by that organisation and by the
 * organiser's editors and hub admins (see queries/visibility.query.ts). Answers live in `answer`.
 */
@ObjectType('Response', {
  description:
    "An organisation's answers to a consultation for one territory. Visible only to the responding organisation and to the organiser's editors and hub admins; everybody else gets null.",
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'response' })
export class Response {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Exposed as `consultation: Consultation!`. */
  @Property({ type: 'uuid' })
  consultationId!: string;

  /** Organisation id of the respondent; exposed as `organisation: Organisation!`. */
  @Property({ type: 'text' })
  organisation!: string;

  /** NUTS code answered for; exposed as `territory: Region!`. */
  @Property({ type: 'text' })
  territory!: string;

  @Field(() => ResponseStatus, { description: 'Submitted (counts) or withdrawn.' })
  @Property({ type: 'text' })
  status!: ResponseStatus;

  @Field(() => Int, { description: 'Row version for optimistic locking: send it with every change.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Field(() => DateTimeScalar, { description: 'When the response was first submitted.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  @Field(() => DateTimeScalar, { description: 'When it was last changed or withdrawn.' })
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  updatedAt: Date & Opt = new Date();
}

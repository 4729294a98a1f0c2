import { Field, ObjectType } from 'type-graphql';
import { EventChangeKind } from './enums';
import { Event } from './event.entity';

/** One message of the `eventChanged` subscription. */
@ObjectType('EventChange', {
  description: 'An event was created or changed (pushed after the write committed).',
})
export class EventChange {
  @Field(() => EventChangeKind, { description: 'What happened.' })
  change!: EventChangeKind;

  @Field(() => [String], { description: 'Names of the fields the write set or changed.' })
  changedFields!: string[];

  @Field(() => Event, { description: 'The event as it is when the message is sent.' })
  event!: Event;
}

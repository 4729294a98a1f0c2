import { TextLength } from '@hub/kit';
import { Field, InputType } from 'type-graphql';
import { LIMITS } from './event-constraints.input';
import { VersionedEventInput } from './versioned-event.input';

@InputType('CancelEventInput', {
  description: 'The published event to cancel, the version last read and why it is cancelled.',
})
export class CancelEventInput extends VersionedEventInput {
  @Field(() => String, { description: 'Why it is cancelled, 3-500 characters (shown to everyone).' })
  @TextLength(...LIMITS.cancellationReason)
  reason!: string;
}

import { InputType } from 'type-graphql';
import { VersionedEventInput } from './versioned-event.input';

@InputType('PublishEventInput', { description: 'The draft to publish and the version last read.' })
export class PublishEventInput extends VersionedEventInput {}

import { InputType } from 'type-graphql';
import { VersionedEventInput } from './versioned-event.input';

@InputType('RespondToOrganiserRoleInput', {
  description:
    'The event that names your organisation as an organiser, and the version last read (your organisation is the one of your sign-in).',
})
export class RespondToOrganiserRoleInput extends VersionedEventInput {}

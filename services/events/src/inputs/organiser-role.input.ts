import { InputType } from 'type-graphql';
import { VersionedEventInput } from './versioned-event.input';

@InputType('AcceptOrganiserRoleInput', {
  description:
    'The event that names your organisation as an organiser, and the version last read (your organisation is the one of your sign-in).',
})
export class AcceptOrganiserRoleInput extends VersionedEventInput {}

@InputType('DeclineOrganiserRoleInput', {
  description:
    'The event that names your organisation as an organiser, and the version last read (your organisation is the one of your sign-in).',
})
export class DeclineOrganiserRoleInput extends VersionedEventInput {}

/** What both answers carry. */
export type RespondToOrganiserRoleInput = AcceptOrganiserRoleInput | DeclineOrganiserRoleInput;

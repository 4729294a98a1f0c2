import { TextLength } from '@hub/kit';
import { Field, InputType } from 'type-graphql';
import { REASON_LENGTH } from './limits.input';
import { VersionedPostInput, VersionedThreadInput } from './versioned.input';

@InputType('HidePostInput', { description: 'The post to hide, the version last read and why.' })
export class HidePostInput extends VersionedPostInput {
  @Field(() => String, { description: 'Why, shown with the post (1-500 characters).' })
  @TextLength(REASON_LENGTH.min, REASON_LENGTH.max)
  reason!: string;
}

@InputType('UnhidePostInput', { description: 'The hidden post to show again and the version last read.' })
export class UnhidePostInput extends VersionedPostInput {}

/** What lockThread and archiveThread take: blank or left-out reasons mean none. */
@InputType()
export class CloseThreadInput extends VersionedThreadInput {
  @Field(() => String, {
    nullable: true,
    description: 'Why, shown with the thread as `statusReason` (up to 500 characters; blank: none).',
  })
  @TextLength(0, REASON_LENGTH.max)
  reason?: string | null;
}

@InputType('LockThreadInput', { description: 'The thread to lock, the version last read and why.' })
export class LockThreadInput extends CloseThreadInput {}

@InputType('ArchiveThreadInput', { description: 'The thread to archive, the version last read and why.' })
export class ArchiveThreadInput extends CloseThreadInput {}

@InputType('UnlockThreadInput', { description: 'The thread to open again and the version last read.' })
export class UnlockThreadInput extends VersionedThreadInput {}

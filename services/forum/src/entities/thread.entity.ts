import { ArrayType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar, PolicyArea, Strand, TargetGroup } from '@hub/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ThreadStatus } from './enums';

/**
 * A discussion: its opening post and replies live in `post`, its regions in `thread_region`. `postCount`,
 * `lastActivityAt` and `search` are kept up to date by the writes (in the same transaction) so that lists can
 * filter and sort on plain columns; they change without bumping `version`, which only moderation and the
 * thread's own fields move (a reply must not make a moderator's lock fail).
 */
@ObjectType('Thread', {
  description:
    'A discussion among partners: a title, an opening post and replies, linked to regions, an organisation and optionally an event.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'thread' })
export class Thread {
  @Field(() => ID, { description: 'Stable identifier of the thread (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, {
    description: 'Title, 3-200 characters, plain text (escape it when inserting it into HTML).',
  })
  @Property({ type: 'text' })
  title!: string;

  /** The organisation the author posted for: the thread belongs to it (its moderators moderate it). */
  @Property({ type: 'text' })
  organisationId!: string;

  /** Subject (user id) of the author: decides who may edit the opening post; never exposed. */
  @Property({ type: 'text' })
  authorSubject!: string;

  @Property({ type: 'text' })
  authorName!: string;

  @Property({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @Property({ type: 'uuid' })
  openingPostId!: string;

  @Field(() => Strand, {
    nullable: true,
    description: 'The strand of the partnership the discussion belongs to; null when none was given.',
  })
  @Property({ type: 'text', nullable: true })
  strand!: Strand | null;

  @Field(() => [PolicyArea], { description: 'Policy areas the discussion is about (may be empty).' })
  @Property({ type: ArrayType })
  policyAreas!: PolicyArea[];

  @Field(() => [TargetGroup], { description: 'Groups of people the discussion is about (may be empty).' })
  @Property({ type: ArrayType })
  targetGroups!: TargetGroup[];

  @Field(() => ThreadStatus, { description: 'Whether the thread takes new posts.' })
  @Property({ type: 'text' })
  status: ThreadStatus & Opt = ThreadStatus.OPEN;

  @Field(() => String, {
    nullable: true,
    description: 'Why a moderator locked or archived the thread, when they said; null for open threads.',
  })
  @Property({ type: 'text', nullable: true })
  statusReason: (string & Opt) | null = null;

  /** Folded title and visible opening post (`normaliseSearchText`), for `ThreadFilter.search`. */
  @Property({ type: 'text' })
  search!: string;

  @Field(() => Int, {
    description: 'Number of visible posts, opening post included (hidden posts are not counted).',
  })
  @Property({ type: 'integer' })
  postCount!: number;

  @Field(() => DateTimeScalar, { description: 'When the thread was started.' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When the latest visible post was written; lists sort on it by default.',
  })
  @Property({ type: 'timestamptz' })
  lastActivityAt!: Date;

  @Field(() => Int, {
    description:
      'Row version for optimistic locking: send it to lock, unlock or archive the thread. Replies do not change it.',
  })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}

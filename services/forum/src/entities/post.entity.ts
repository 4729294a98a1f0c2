import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One post of a thread (the opening post included). The Markdown body is stored as written and rendered to
 * sanitised HTML when read, so an improvement of the sanitiser protects old posts too. `body` and `bodyHtml`
 * are field resolvers: a hidden post's text is shown only to moderators of the thread's organisation and admins.
 */
@ObjectType('Post', {
  description:
    'A post in a thread: the opening post or a reply, written in Markdown by a partner for their organisation.',
})
@Entity({ tableName: 'post' })
export class Post {
  @Field(() => ID, { description: 'Stable identifier of the post (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  threadId!: string;

  @Property({ type: 'uuid', nullable: true })
  replyToId!: string | null;

  /** Subject (user id) of the author: decides who may edit; counted by the posting rate limit; never exposed. */
  @Property({ type: 'text' })
  authorSubject!: string;

  @Property({ type: 'text' })
  authorName!: string;

  @Property({ type: 'text' })
  organisationId!: string;

  @Property({ type: 'text' })
  body!: string;

  @Field(() => Boolean, {
    description:
      "True when a moderator hid the post: it stays in the list (so replies make sense), but its text is shown only to moderators of the thread's organisation and hub admins.",
  })
  @Property({ type: 'boolean' })
  hidden: boolean & Opt = false;

  @Field(() => String, {
    nullable: true,
    description: 'Why a moderator hid the post; null when it is not hidden.',
  })
  @Property({ type: 'text', nullable: true })
  moderationReason: (string & Opt) | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  hiddenAt: (Date & Opt) | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenBySubject: (string & Opt) | null = null;

  @Field(() => DateTimeScalar, { description: 'When the post was written.' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When its author last edited the post; null when never edited.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  editedAt: (Date & Opt) | null = null;

  @Field(() => Int, {
    description:
      'Row version for optimistic locking: send it to edit the post. Edits and moderation change it.',
  })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}

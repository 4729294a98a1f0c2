import { randomUUID } from 'node:crypto';
import { applyPatch, assertVersion, forbidden, invalidInput, notFound, performWrite } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadChange } from '../entities/enums';
import { Post } from '../entities/post.entity';
import type { EditPostInput, ReplyInput } from '../inputs/post.input';
import type { ForumContext } from '../loaders';
import { isAuthor } from '../queries/visibility.query';
import { assertOrganisationKnown } from './peer-checks.write';
import { claimPostingSlot } from './posting-rate.write';
import { refreshThreadActivity, refreshThreadSearch } from './thread-bookkeeping.write';
import { threadChangedEvent } from './thread-changed.write';
import {
  assertThreadOpen,
  authorNameOf,
  databaseNow,
  lockThreadRow,
  postingOrganisation,
} from './write-checks.write';

const loadPost = (em: EntityManager, id: string) => em.findOneOrFail(Post, { id });

/** Replies in an OPEN thread, optionally to one of its posts. */
export async function reply(context: ForumContext, input: ReplyInput): Promise<Post> {
  const { caller } = context;
  const organisationId = postingOrganisation(caller);
  const { idempotencyKey, ...fields } = input;
  const threadId = fields.thread.trim().toLowerCase();
  const replyToId = fields.replyTo?.trim().toLowerCase() || null;
  await assertOrganisationKnown(context, organisationId);
  return performWrite(
    context,
    { entity: 'Post', action: 'reply', idempotencyKey, input: fields },
    async (em) => {
      const thread = await lockThreadRow(em, threadId);
      assertThreadOpen(thread, 'replying');
      if (replyToId) {
        const target = await em.findOne(Post, { id: replyToId });
        if (target?.threadId !== thread.id) {
          throw invalidInput('input.replyTo', `no post with id "${replyToId}" is in this thread`);
        }
      }
      const now = await claimPostingSlot(em, caller.subject as string, context.settings.postsPerMinute);
      const postId = randomUUID();
      em.create(Post, {
        id: postId,
        threadId,
        replyToId,
        authorSubject: caller.subject as string,
        authorName: authorNameOf(caller),
        organisationId,
        body: fields.body,
        createdAt: now,
      });
      await refreshThreadActivity(em, threadId);
      return {
        entityId: postId,
        changedFields: replyToId ? ['body', 'replyTo'] : ['body'],
        events: [await threadChangedEvent(em, thread, ThreadChange.REPLIED, postId)],
      };
    },
    loadPost,
  );
}

/**
 * Changes the text of a post: only its author, acting for the organisation they wrote it for, while the thread
 * is OPEN and the post not hidden.
 */
export function editPost(context: ForumContext, input: EditPostInput): Promise<Post> {
  const { caller } = context;
  const { version, body } = input;
  const postId = input.id.trim().toLowerCase();
  return performWrite(
    context,
    { entity: 'Post', action: 'edit', input: { id: postId, version, body } },
    async (em) => {
      const post = await em.findOne(Post, { id: postId });
      if (!post) throw notFound(`No post has id "${postId}".`);
      if (!isAuthor(caller, post)) {
        throw forbidden(
          'Only the author of a post may edit it, acting for the organisation they wrote it for.',
        );
      }
      const thread = await lockThreadRow(em, post.threadId);
      assertThreadOpen(thread, 'editing');
      if (post.hidden) throw forbidden('A moderator hid this post: it can no longer be edited.');
      assertVersion(post, version, 'Post');
      const changedFields = applyPatch(post, { body });
      if (changedFields.length) {
        post.editedAt = await databaseNow(em);
        if (post.id === thread.openingPostId) await refreshThreadSearch(em, thread.id, thread.title, body);
      }
      const events = changedFields.length
        ? [await threadChangedEvent(em, thread, ThreadChange.POST_EDITED, post.id)]
        : [];
      return { entityId: post.id, changedFields, events };
    },
    loadPost,
  );
}

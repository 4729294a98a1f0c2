import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  assertVersion,
  badUserInput,
  conflict,
  forbidden,
  notFound,
  NUTS_CODE_PATTERN,
  performWrite,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Post } from '../entities/post.entity';
import { ThreadRegion } from '../entities/thread-region.entity';
import { Thread } from '../entities/thread.entity';
import { BODY_LENGTH, checkLength, MAX_THREAD_REGIONS, TITLE_LENGTH } from '../limits';
import { EditPostArgs, ReplyInput } from './inputs/post.inputs';
import { StartThreadInput } from './inputs/thread.inputs';
import { refreshThreadActivity, refreshThreadSearch, searchTextOf } from './thread-bookkeeping';
import { ThreadChange, threadChangedEvent } from './thread-events';
import type { ForumContext } from './types';
import { isAuthor } from './visibility';
import {
  assertThreadOpen,
  authorNameOf,
  checkEventExists,
  checkOrganisationExists,
  checkRegionsExist,
  claimPostingSlot,
  databaseNow,
  lockThreadRow,
  postingOrganisation,
  requireUuid,
} from './write-checks';

const loadThread = (em: EntityManager, id: string) => em.findOneOrFail(Thread, { id });
const loadPost = (em: EntityManager, id: string) => em.findOneOrFail(Post, { id });

/** Distinct, upper-cased NUTS codes; a malformed one or too many is a BAD_USER_INPUT. */
function regionCodesOf(regions: string[] | null | undefined): string[] {
  const codes = [...new Set((regions ?? []).map((code) => code.trim().toUpperCase()))].sort();
  const malformed = codes.find((code) => !NUTS_CODE_PATTERN.test(code));
  if (malformed !== undefined) {
    throw badUserInput(
      `"${malformed}" is not a NUTS code (two letters, then up to three letters or digits).`,
      'input.regions',
    );
  }
  if (codes.length > MAX_THREAD_REGIONS) {
    throw badUserInput(
      `A thread may name at most ${MAX_THREAD_REGIONS} regions (got ${codes.length}).`,
      'input.regions',
    );
  }
  return codes;
}

/** Partners start threads, reply and edit their own posts; every write follows the kit's write pattern. */
@Resolver()
export class PostingResolver {
  @Authorized('contributor', 'editor', 'moderator')
  @Mutation(() => Thread, {
    description:
      "Starts a thread with its opening post, for the caller's organisation (contributors, editors, moderators and hub admins). With `event`, the thread becomes that event's one discussion (CONFLICT with `existingId` when it has one). Subject to the posting rate limit (RATE_LIMITED with `retryAfterSeconds`).",
  })
  async startThread(
    @Arg('input', () => StartThreadInput, {
      description: 'The thread, its opening post and an idempotency key.',
    })
    input: StartThreadInput,
    @Ctx() context: ForumContext,
  ): Promise<Thread> {
    const { caller, loaders } = context;
    const organisationId = postingOrganisation(caller);
    const { idempotencyKey, ...fields } = input;
    checkLength(fields.title, TITLE_LENGTH, 'input.title', 'The title');
    checkLength(fields.body, BODY_LENGTH, 'input.body', 'The body');
    const title = fields.title.trim();
    const regions = regionCodesOf(fields.regions);
    const eventId = fields.event ? requireUuid(fields.event, 'input.event', 'an event id') : null;
    const policyAreas = [...new Set(fields.policyAreas ?? [])].sort();
    const targetGroups = [...new Set(fields.targetGroups ?? [])].sort();
    await Promise.all([
      checkRegionsExist(context, regions),
      checkOrganisationExists(context, organisationId),
      eventId ? checkEventExists(context, eventId) : undefined,
    ]);
    return performWrite(
      context,
      { entity: 'Thread', action: 'start', idempotencyKey, input: fields },
      async (em) => {
        if (eventId) {
          // Serialises starts for one event, so the second sees the first and can name it.
          await em.execute('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', [
            'hub:forum:event',
            eventId,
          ]);
          const existing = await em.findOne(Thread, { eventId });
          if (existing) {
            throw conflict(`This event already has a discussion thread (${existing.id}): reply there.`, {
              argumentName: 'input.event',
              existingId: existing.id,
            });
          }
        }
        const now = await claimPostingSlot(em, caller.subject as string, loaders.settings.postsPerMinute);
        const threadId = randomUUID();
        const postId = randomUUID();
        const author = {
          authorSubject: caller.subject as string,
          authorName: authorNameOf(caller),
          organisationId,
        };
        em.create(Thread, {
          id: threadId,
          title,
          ...author,
          eventId,
          openingPostId: postId,
          strand: fields.strand ?? null,
          policyAreas,
          targetGroups,
          search: searchTextOf(title, fields.body),
          postCount: 1,
          createdAt: now,
          lastActivityAt: now,
        });
        em.create(Post, {
          id: postId,
          threadId,
          replyToId: null,
          ...author,
          body: fields.body,
          createdAt: now,
        });
        for (const regionCode of regions) em.create(ThreadRegion, { threadId, regionCode });
        const written = {
          title,
          body: fields.body,
          regions,
          event: eventId,
          strand: fields.strand,
          policyAreas,
          targetGroups,
        };
        const changedFields = Object.entries(written)
          .filter(([, value]) =>
            Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined,
          )
          .map(([field]) => field);
        const started = await threadChangedEvent(
          em,
          { id: threadId, organisationId },
          ThreadChange.STARTED,
          postId,
          regions,
        );
        return { entityId: threadId, changedFields, events: [started] };
      },
      loadThread,
    );
  }

  @Authorized('contributor', 'editor', 'moderator')
  @Mutation(() => Post, {
    description:
      "Replies in an OPEN thread (FORBIDDEN when it is locked or archived), for the caller's organisation (contributors, editors, moderators and hub admins). Subject to the posting rate limit (RATE_LIMITED with `retryAfterSeconds`).",
  })
  async reply(
    @Arg('input', () => ReplyInput, { description: 'The reply and an idempotency key.' }) input: ReplyInput,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    const { caller, loaders } = context;
    const organisationId = postingOrganisation(caller);
    const { idempotencyKey, ...fields } = input;
    checkLength(fields.body, BODY_LENGTH, 'input.body', 'The body');
    const threadId = requireUuid(fields.threadId, 'input.threadId', 'a thread id');
    const replyToId = fields.replyTo ? requireUuid(fields.replyTo, 'input.replyTo', 'a post id') : null;
    await checkOrganisationExists(context, organisationId);
    return performWrite(
      context,
      { entity: 'Post', action: 'reply', idempotencyKey, input: fields },
      async (em) => {
        const thread = await lockThreadRow(em, threadId);
        assertThreadOpen(thread, 'replying');
        if (replyToId) {
          const target = await em.findOne(Post, { id: replyToId });
          if (target?.threadId !== thread.id) {
            throw badUserInput(`No post with id "${replyToId}" is in this thread.`, 'input.replyTo');
          }
        }
        const now = await claimPostingSlot(em, caller.subject as string, loaders.settings.postsPerMinute);
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

  @Authorized()
  @Mutation(() => Post, {
    description:
      'Changes the text of a post. Only its author may, acting for the organisation they wrote it for (nobody else, not even hub admins: moderators hide posts instead), while the thread is OPEN and the post not hidden.',
  })
  editPost(@Args(() => EditPostArgs) args: EditPostArgs, @Ctx() context: ForumContext): Promise<Post> {
    const { caller } = context;
    const { version, body } = args;
    checkLength(body, BODY_LENGTH, 'body', 'The body');
    const postId = requireUuid(args.id, 'id', 'a post id');
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
}

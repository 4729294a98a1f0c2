import { randomUUID } from 'node:crypto';
import { conflict, executeSql, performWrite, sql } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadChange } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { ThreadRegion } from '../entities/thread-region.entity';
import { Thread } from '../entities/thread.entity';
import { normaliseRegionCodes, type StartThreadInput } from '../inputs/start-thread.input';
import type { ForumContext } from '../loaders';
import { assertKeysExist, assertMayStartEventDiscussion, assertOrganisationKnown } from './peer-checks.write';
import { claimPostingSlot } from './posting-rate.write';
import { searchTextOf } from './thread-bookkeeping.write';
import { threadChangedEvent } from './thread-changed.write';
import { authorNameOf, postingOrganisation } from './write-checks.write';

const loadThread = (em: EntityManager, id: string) => em.findOneOrFail(Thread, { id });

/**
 * Starts a thread with its opening post (input validated by its decorators). With `event`, the thread becomes
 * the event's one discussion, started by one of its organisers (or a hub admin): a second is a CONFLICT
 * naming the first (`existingId`).
 */
export async function startThread(context: ForumContext, input: StartThreadInput): Promise<Thread> {
  const { caller } = context;
  const organisationId = postingOrganisation(caller);
  const { idempotencyKey, ...fields } = input;
  const title = fields.title.trim();
  const regions = normaliseRegionCodes(fields.regions);
  const eventId = fields.event?.trim().toLowerCase() || null;
  const policyAreas = [...new Set(fields.policyAreas ?? [])].sort();
  const targetGroups = [...new Set(fields.targetGroups ?? [])].sort();
  await Promise.all([
    assertKeysExist(context, { regions, event: eventId }),
    assertOrganisationKnown(context, organisationId),
  ]);
  if (eventId) await assertMayStartEventDiscussion(context, eventId, organisationId);
  return performWrite(
    context,
    { entity: 'Thread', action: 'start', idempotencyKey, input: fields },
    async (em) => {
      if (eventId) {
        // Serialises starts for one event, so the second sees the first and can name it.
        await executeSql(
          em,
          sql`SELECT pg_advisory_xact_lock(hashtext('hub:forum:event'), hashtext(${eventId}))`,
        );
        const existing = await em.findOne(Thread, { eventId });
        if (existing) {
          throw conflict(`This event already has a discussion thread (${existing.id}): reply there.`, {
            existingId: existing.id,
          });
        }
      }
      const now = await claimPostingSlot(em, caller.subject as string, context.settings.postsPerMinute);
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

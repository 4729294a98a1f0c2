import { executeSql, forbidden, notFound, sql, type Caller } from '@hub/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadStatus } from '../entities/enums';
import { Thread } from '../entities/thread.entity';
import type { ForumContext } from '../loaders';
import { canModerate } from '../queries/visibility.query';

/** Posts are published in the name of an organisation: the caller's. */
export function postingOrganisation(caller: Caller): string {
  if (!caller.organisationId) {
    throw forbidden(
      'Your sign-in names no organisation: posts are published in the name of an organisation.',
    );
  }
  return caller.organisationId;
}

/** The name shown for a new post's author. */
export function authorNameOf(caller: Caller): string {
  return caller.displayName?.trim() || (caller.subject as string);
}

/** The database's time, to the millisecond (as cursors carry it). */
export async function databaseNow(em: EntityManager): Promise<Date> {
  const [row] = await executeSql<{ now: Date }>(
    em,
    sql`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`,
  );
  return new Date(row!.now);
}

/**
 * The thread a write changes, locked for the rest of the transaction: replies, edits and moderation of one
 * thread take this lock first (before any post row), so a post cannot slip into a thread being locked and
 * concurrent writers cannot deadlock.
 */
export async function lockThreadRow(em: EntityManager, threadId: string): Promise<Thread> {
  const thread = await em.findOne(Thread, { id: threadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!thread) throw notFound(`No thread has id "${threadId}".`);
  return thread;
}

/** Replies and edits need an OPEN thread. */
export function assertThreadOpen(thread: Thread, doing: string): void {
  if (thread.status === ThreadStatus.OPEN) return;
  const state = thread.status === ThreadStatus.LOCKED ? 'locked' : 'archived';
  throw forbidden(
    `This thread is ${state} by a moderator${thread.statusReason ? ` (${thread.statusReason})` : ''}: ${doing} is not possible.`,
  );
}

/** Moderators of the thread's organisation and hub admins moderate it: FORBIDDEN for anybody else. */
export function assertCanModerate(context: ForumContext, thread: Thread): void {
  if (!canModerate(context.caller, thread.organisationId)) {
    throw forbidden(
      `Only moderators of "${thread.organisationId}" (the thread's organisation) and hub admins may do this.`,
    );
  }
}

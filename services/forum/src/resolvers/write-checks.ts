import { badUserInput, forbidden, notFound, UUID_PATTERN, type Caller } from '@hub/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ThreadStatus } from '../entities/enums';
import { Thread } from '../entities/thread.entity';
import { rateLimited, RATE_WINDOW_SECONDS } from '../limits';
import type { ForumContext } from './types';

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

/** A UUID argument, lower-cased; anything else is a BAD_USER_INPUT naming the argument. */
export function requireUuid(value: string, argumentName: string, what: string): string {
  const id = value.trim().toLowerCase();
  if (!UUID_PATTERN.test(id)) throw badUserInput(`"${value}" is not ${what} (a UUID).`, argumentName);
  return id;
}

const warnedPeers = new Set<string>();

/** Without a configured peer only formats are checked: said once per process and peer. */
function warnUnchecked(context: ForumContext, peer: string, what: string): void {
  if (warnedPeers.has(peer)) return;
  warnedPeers.add(peer);
  context.logger.warn(
    `no ${peer} subgraph configured (${peer.toUpperCase()}_SUBGRAPH_URL): ${what} are checked for format only`,
  );
}

/** Region codes must be known to the regions subgraph. */
export async function checkRegionsExist(context: ForumContext, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const unknown = await context.peers.unknownKeys('regions', 'Region', 'code', codes);
  if (unknown === undefined) return warnUnchecked(context, 'regions', 'region codes and organisation ids');
  if (unknown.length) {
    throw badUserInput(
      `No region has code ${unknown.map((code) => `"${code}"`).join(', ')} in the regions subgraph.`,
      'input.regions',
    );
  }
}

/** The caller's organisation (from the gateway's token) must be a partner organisation the hub knows. */
export async function checkOrganisationExists(context: ForumContext, organisationId: string): Promise<void> {
  const unknown = await context.peers.unknownKeys('regions', 'Organisation', 'id', [organisationId]);
  if (unknown === undefined) return warnUnchecked(context, 'regions', 'region codes and organisation ids');
  if (unknown.length) {
    throw forbidden(`Your organisation "${organisationId}" is not a partner organisation known to the hub.`);
  }
}

/**
 * The event must be known to the events subgraph. It is asked as an anonymous caller, and events shows
 * anonymous callers no drafts: only published and cancelled events can get a discussion.
 */
export async function checkEventExists(context: ForumContext, eventId: string): Promise<void> {
  const unknown = await context.peers.unknownKeys('events', 'Event', 'id', [eventId]);
  if (unknown === undefined) return warnUnchecked(context, 'events', 'event ids');
  if (unknown.length) {
    throw badUserInput(
      `No published or cancelled event has id "${eventId}" (drafts cannot have a discussion yet).`,
      'input.event',
    );
  }
}

/**
 * The posting rate limit, inside the write's transaction so it holds across replicas: an advisory lock on the
 * author serialises their concurrent posts, then their posts of the last minute are counted (a fresh snapshot:
 * the lock is taken by an earlier statement). Returns the database's time for the new post (milliseconds, as
 * cursors carry them), or throws RATE_LIMITED with the seconds until the oldest counted post leaves the window.
 */
export async function claimPostingSlot(
  em: EntityManager,
  subject: string,
  postsPerMinute: number,
): Promise<Date> {
  await em.execute('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', ['hub:forum:posting', subject]);
  const [row] = await em.execute<Array<{ now: Date; recent: string; slot_frees_at: Date | null }>>(
    `WITH clock AS (SELECT date_trunc('milliseconds', clock_timestamp()) AS now),
     recent AS (
       SELECT p.created_at, row_number() OVER (ORDER BY p.created_at DESC) AS newest_first
       FROM post p, clock
       WHERE p.author_subject = ? AND p.created_at > clock.now - make_interval(secs => ?)
     )
     SELECT clock.now,
            (SELECT count(*) FROM recent) AS recent,
            (SELECT created_at + make_interval(secs => ?) FROM recent WHERE newest_first = ?) AS slot_frees_at
     FROM clock`,
    [subject, RATE_WINDOW_SECONDS, RATE_WINDOW_SECONDS, postsPerMinute],
  );
  const now = new Date(row!.now);
  if (Number(row!.recent) >= postsPerMinute) {
    const waitMs = new Date(row!.slot_frees_at ?? now).getTime() - now.getTime();
    throw rateLimited(postsPerMinute, Math.max(1, Math.ceil(waitMs / 1000)));
  }
  return now;
}

/** The database's time, to the millisecond (as cursors carry it). */
export async function databaseNow(em: EntityManager): Promise<Date> {
  const [row] = await em.execute<Array<{ now: Date }>>(
    "SELECT date_trunc('milliseconds', clock_timestamp()) AS now",
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

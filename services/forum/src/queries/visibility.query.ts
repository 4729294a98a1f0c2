import { hasRole, type Caller } from '@hub/kit';
import type { Post } from '../entities/post.entity';
import type { ForumContext } from '../loaders';

/** Moderators of the organisation a thread belongs to, and hub admins, moderate it. */
export function canModerate(caller: Caller, threadOrganisationId: string): boolean {
  if (!caller.subject) return false;
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, 'moderator') && caller.organisationId === threadOrganisationId;
}

/** The author of a post: the same person (subject) acting for the same organisation. */
export function isAuthor(caller: Caller, post: Pick<Post, 'authorSubject' | 'organisationId'>): boolean {
  return (
    caller.subject !== null &&
    caller.subject === post.authorSubject &&
    caller.organisationId === post.organisationId
  );
}

/**
 * Whether the caller may read a post's text: always unless hidden; a hidden post's only for those who
 * moderate its thread (the thread is looked up, batched, only for moderators).
 */
export async function canReadText(context: ForumContext, post: Post): Promise<boolean> {
  if (!post.hidden) return true;
  const { caller, loaders } = context;
  if (hasRole(caller, 'admin')) return Boolean(caller.subject);
  if (!hasRole(caller, 'moderator')) return false;
  const thread = await loaders.threadById.load(post.threadId);
  return thread !== null && canModerate(caller, thread.organisationId);
}

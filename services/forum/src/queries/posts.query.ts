import {
  decodeCursor,
  executeSql,
  groupInKeyOrder,
  invalidInput,
  sql,
  sqlList,
  toConnection,
  toPage,
  UUID_PATTERN,
  validateFirst,
  type PageArgs,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { PostConnection } from '../entities/post-connection.type';
import { Post } from '../entities/post.entity';
import type { ForumContext } from '../loaders';
import { selectsOnlyTotalCount } from './thread-page.query';

/** A page of posts of one thread: its size and the sort key (ISO time, post id) after which it starts. */
export interface PostPageArgs {
  first: number;
  after: [string, string] | null;
}

/** One page per thread (in the order written), for any number of threads, in one statement. */
export async function postPagesByThread(
  em: EntityManager,
  threadIds: string[],
  args: PostPageArgs,
): Promise<Map<string, Post[]>> {
  const after = args.after
    ? sql`AND (p.created_at, p.id) > (${args.after[0]}::timestamptz, ${args.after[1]}::uuid)`
    : sql``;
  const rows = await executeSql<Record<string, unknown>>(
    em,
    sql`SELECT * FROM (
       SELECT p.*, row_number() OVER (PARTITION BY p.thread_id ORDER BY p.created_at, p.id) AS position
       FROM post p WHERE p.thread_id IN (${sqlList(threadIds)}) ${after}
     ) page WHERE position <= ${args.first + 1} ORDER BY thread_id, position`,
  );
  const posts = rows.map(({ position: _position, ...row }) => em.map(Post, row));
  const groups = groupInKeyOrder(threadIds, posts, (post) => post.threadId);
  return new Map(threadIds.map((id, index) => [id, groups[index] ?? []]));
}

/** Every post of each thread, hidden ones included (they are listed), in one grouped statement. */
export async function postTotalsByThread(em: EntityManager, threadIds: readonly string[]): Promise<number[]> {
  const rows = await executeSql<{ thread_id: string; n: string }>(
    em,
    sql`SELECT thread_id, count(*) AS n FROM post WHERE thread_id IN (${sqlList(threadIds)}) GROUP BY thread_id`,
  );
  const counts = new Map(rows.map((row) => [row.thread_id, Number(row.n)]));
  return threadIds.map((id) => counts.get(id) ?? 0);
}

/** `Thread.posts`: a page through the batching loader (one statement per page size and cursor). */
export async function postsConnection(
  threadId: string,
  args: PageArgs,
  { loaders }: ForumContext,
  info: GraphQLResolveInfo,
): Promise<PostConnection> {
  const first = validateFirst(args.first);
  let after: [string, string] | null = null;
  if (args.after) {
    const [at, id] = decodeCursor(args.after, 2).map(String);
    if (Number.isNaN(Date.parse(at!)) || !UUID_PATTERN.test(id!)) {
      throw invalidInput('after', 'is not a cursor returned by this list');
    }
    after = [at!, id!];
  }
  const rows =
    first === 0 || selectsOnlyTotalCount(info)
      ? []
      : await loaders.posts.load({ id: threadId, first, after });
  return toConnection(
    PostConnection,
    toPage(rows, first, after !== null, (post) => [new Date(post.createdAt).toISOString(), post.id]),
    () => loaders.postTotal.load(threadId),
  );
}

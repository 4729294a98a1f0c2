import { batchByArguments, BY_JSON, oneInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Post } from '../entities/post.entity';
import { postPagesByThread, postTotalsByThread, type PostPageArgs } from '../queries/posts.query';
import { uuids } from './thread.loader';

export interface PostsKey extends PostPageArgs {
  /** Thread id. */
  id: string;
}

/** Posts by id (a malformed id is simply not found). */
export function postByIdLoader(em: EntityManager) {
  return new DataLoader<string, Post | null>(async (ids) =>
    oneInKeyOrder(ids, await em.find(Post, { id: { $in: uuids(ids) } }), (post) => post.id),
  );
}

/** `Thread.posts`: one page per thread, one statement per page size and cursor. */
export function postPagesLoader(em: EntityManager) {
  return new DataLoader<PostsKey, Post[], string>(
    (keys) =>
      batchByArguments(keys, (threadIds, args) => postPagesByThread(em, threadIds, args), [] as Post[]),
    BY_JSON,
  );
}

/** `Thread.posts { totalCount }`: every post of the thread, hidden ones included (they are listed). */
export function postTotalLoader(em: EntityManager) {
  return new DataLoader<string, number>((threadIds) => postTotalsByThread(em, threadIds));
}

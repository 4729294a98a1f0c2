import type { SubgraphContext } from '@hub/kit';
import type { ForumSettings } from '../writes/posting-rate.write';
import type { EntityManager } from '@mikro-orm/postgresql';
import { postByIdLoader, postPagesLoader, postTotalLoader } from './post.loader';
import { scopedThreadCountLoader, scopedThreadsLoader } from './scoped-threads.loader';
import { regionCodesByThreadIdLoader } from './thread-regions.loader';
import { discussionByEventIdLoader, threadByIdLoader } from './thread.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    threadById: threadByIdLoader(em),
    discussionByEventId: discussionByEventIdLoader(em),
    regionCodesByThreadId: regionCodesByThreadIdLoader(em),
    postById: postByIdLoader(em),
    posts: postPagesLoader(em),
    postTotal: postTotalLoader(em),
    scopedThreads: scopedThreadsLoader(em),
    scopedThreadCount: scopedThreadCountLoader(em),
  };
}

export type ForumLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives (`settings`: the posting limit). */
export type ForumContext = SubgraphContext<ForumLoaders, ForumSettings>;

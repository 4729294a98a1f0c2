import { startSubgraph, type RunningSubgraph } from '@hub/kit';
import type { ForumConfig } from './config';
import { createForumSubgraph, forumSubgraph } from './forum.subgraph';

/** Starts the forum subgraph (migrations, HTTP server). Used by main.ts and by tests. */
export function createForumServer(config: ForumConfig): Promise<RunningSubgraph> {
  const { postsPerMinute, ...subgraphConfig } = config;
  const definition = postsPerMinute === undefined ? forumSubgraph : createForumSubgraph({ postsPerMinute });
  return startSubgraph(definition, subgraphConfig);
}

import 'reflect-metadata';

export { forumConfigFromEnv, type ForumConfig } from './config';
export { createForumSubgraph, forumSubgraph } from './forum.subgraph';
export { DEFAULT_POSTS_PER_MINUTE, type ForumSettings } from './limits';
export { createForumServer } from './server';

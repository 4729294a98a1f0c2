import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { ForumContext, ForumLoaders } from './loaders';
export { DEFAULT_POSTS_PER_MINUTE, type ForumSettings } from './writes/posting-rate.write';

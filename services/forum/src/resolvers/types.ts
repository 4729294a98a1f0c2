import type { SubgraphContext } from '@hub/kit';
import type { ForumLoaders } from '../loaders/loaders';

export type ForumContext = SubgraphContext<ForumLoaders>;

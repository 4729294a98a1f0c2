import { createAuditLogResolver, type SubgraphDefinition } from '@hub/kit';
import { Post } from './entities/post.entity';
import {
  resolveEventReference,
  resolveOrganisationReference,
  resolveRegionReference,
} from './entities/references';
import { ThreadRegion } from './entities/thread-region.entity';
import { Thread } from './entities/thread.entity';
import { DEFAULT_POSTS_PER_MINUTE, type ForumSettings } from './limits';
import { createForumLoaders, type ForumLoaders } from './loaders/loaders';
import { forumMigrations } from './migrations';
import { EventDiscussionResolver } from './resolvers/event.resolver';
import { OrganisationThreadsResolver } from './resolvers/organisation.resolver';
import { PostResolver } from './resolvers/post.resolver';
import { PostingResolver } from './resolvers/posting.resolver';
// After the posting resolver, so the schema lists startThread, reply and editPost before moderation.
import { ModerationResolver } from './resolvers/moderation.resolver';
import { RegionThreadsResolver } from './resolvers/region.resolver';
import { ForumSubscriptionResolver } from './resolvers/subscription.resolver';
import { resolveThreadReference } from './resolvers/thread.reference';
import { ThreadResolver } from './resolvers/thread.resolver';

/** Admins read the writes to threads and posts as `forumAuditLog`. */
const ForumAuditLogResolver = createAuditLogResolver('forumAuditLog', 'forum threads and posts');

/**
 * The forum subgraph: threads and posts of the partners, linked to regions, organisations and events.
 * `postsPerMinute` bounds new posts per author (default 10); the schema is the same whatever the settings.
 */
export function createForumSubgraph(options: Partial<ForumSettings> = {}): SubgraphDefinition<ForumLoaders> {
  const settings: ForumSettings = { postsPerMinute: options.postsPerMinute ?? DEFAULT_POSTS_PER_MINUTE };
  if (!Number.isInteger(settings.postsPerMinute) || settings.postsPerMinute < 1) {
    throw new Error(`postsPerMinute must be a whole number of at least 1 (got ${settings.postsPerMinute})`);
  }
  return {
    name: 'forum',
    entities: [Thread, Post, ThreadRegion],
    migrations: forumMigrations,
    resolvers: [
      ThreadResolver,
      PostResolver,
      RegionThreadsResolver,
      OrganisationThreadsResolver,
      EventDiscussionResolver,
      PostingResolver,
      ModerationResolver,
      ForumSubscriptionResolver,
      ForumAuditLogResolver,
    ],
    referenceResolvers: {
      Thread: resolveThreadReference,
      Region: resolveRegionReference,
      Organisation: resolveOrganisationReference,
      Event: resolveEventReference,
    },
    createLoaders: (em) => createForumLoaders(em, settings),
  };
}

/** The forum subgraph with the default settings. */
export const forumSubgraph: SubgraphDefinition<ForumLoaders> = createForumSubgraph();

import { createAuditLog, defineSubgraph } from '@hub/kit';
import { Post } from './entities/post.entity';
import { Organisation, referenceResolvers } from './entities/references.type';
import { ThreadRegion } from './entities/thread-region.entity';
import { Thread } from './entities/thread.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
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
import { seeds } from './seeds';
import { forumSettingsSchema } from './writes/posting-rate.write';

/** Admins read the writes to threads and posts as `forumAuditLog`. */
const { AuditLogResolver } = createAuditLog({
  fieldName: 'forumAuditLog',
  whatIsAudited: 'forum threads and posts',
  organisationType: Organisation,
});

/**
 * The forum subgraph: threads and posts of the partners, linked to regions, organisations and events. Its
 * settings (`FORUM_POSTS_PER_MINUTE`) bound new posts per author; the schema is the same whatever they are.
 */
export const subgraph = defineSubgraph({
  name: 'forum',
  entities: [Thread, Post, ThreadRegion],
  migrations,
  resolvers: [
    ThreadResolver,
    PostResolver,
    RegionThreadsResolver,
    OrganisationThreadsResolver,
    EventDiscussionResolver,
    PostingResolver,
    ModerationResolver,
    ForumSubscriptionResolver,
    AuditLogResolver,
  ],
  references: { Thread: resolveThreadReference, ...referenceResolvers },
  settings: { schema: forumSettingsSchema },
  loaders: (em) => createLoaders(em),
  seeds,
  errorExtensions: {
    // CONFLICT of startThread for an event that already has its discussion: the thread that exists.
    existingId: 'string',
    // RATE_LIMITED of startThread / reply: whole seconds until the author may post again.
    retryAfterSeconds: 'integer',
  },
});

import { parseEnv, subgraphConfigFromEnv, z, type SubgraphConfig } from '@hub/kit';
import { DEFAULT_POSTS_PER_MINUTE, type ForumSettings } from './limits';

/** The forum subgraph's process configuration: the kit's, plus the posting rate limit. */
export type ForumConfig = SubgraphConfig & Partial<ForumSettings>;

const forumEnvSchema = z.object({
  FORUM_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_POSTS_PER_MINUTE),
});

/** Reads the forum subgraph's environment once (see .env.example). */
export function forumConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ForumConfig {
  const config = subgraphConfigFromEnv(
    { name: 'forum', defaultPort: 4003, peers: ['regions', 'events'] },
    env,
  );
  const { FORUM_POSTS_PER_MINUTE } = parseEnv(forumEnvSchema, env);
  return { ...config, postsPerMinute: FORUM_POSTS_PER_MINUTE };
}

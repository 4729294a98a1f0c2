import { describe, expect, it } from 'vitest';
import { forumConfigFromEnv } from '../src/config';
import { createForumSubgraph } from '../src/forum.subgraph';

const required = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
};

describe('forum configuration', () => {
  it('defaults: port 4003, database hub_forum, 10 posts per minute, no peers', () => {
    expect(forumConfigFromEnv(required)).toMatchObject({
      port: 4003,
      databaseName: 'hub_forum',
      postsPerMinute: 10,
    });
    expect(forumConfigFromEnv(required).peers).toBeUndefined();
  });

  it('reads the posting limit and the regions and events peers', () => {
    const config = forumConfigFromEnv({
      ...required,
      FORUM_POSTS_PER_MINUTE: '25',
      REGIONS_SUBGRAPH_URL: 'http://regions:4001/graphql',
      EVENTS_SUBGRAPH_URL: 'http://events:4002/graphql',
    });
    expect(config.postsPerMinute).toBe(25);
    expect(config.peers).toEqual({
      regions: 'http://regions:4001/graphql',
      events: 'http://events:4002/graphql',
    });
  });

  it('refuses a posting limit that is not a whole number of at least 1', () => {
    for (const value of ['0', '-1', '2.5', 'ten']) {
      expect(() => forumConfigFromEnv({ ...required, FORUM_POSTS_PER_MINUTE: value })).toThrow(
        /FORUM_POSTS_PER_MINUTE/,
      );
    }
    expect(() => createForumSubgraph({ postsPerMinute: 0 })).toThrow(/postsPerMinute/);
  });
});

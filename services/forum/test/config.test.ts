import { defaultDatabaseName, parseSubgraphSettings } from '@hub/kit';
import { describe, expect, it } from 'vitest';
import { subgraph } from '../src';

describe('forum configuration', () => {
  it('is the subgraph "forum", in database hub_forum by default', () => {
    expect(subgraph.name).toBe('forum');
    expect(defaultDatabaseName(subgraph.name)).toBe('hub_forum');
  });

  it('allows 10 posts per minute unless FORUM_POSTS_PER_MINUTE says otherwise', () => {
    expect(parseSubgraphSettings(subgraph, {}, {})).toEqual({ postsPerMinute: 10 });
    expect(parseSubgraphSettings(subgraph, {}, { FORUM_POSTS_PER_MINUTE: '25' })).toEqual({
      postsPerMinute: 25,
    });
    expect(parseSubgraphSettings(subgraph, { FORUM_POSTS_PER_MINUTE: 3 }, {})).toEqual({ postsPerMinute: 3 });
  });

  it('refuses a posting limit that is not a whole number of at least 1, naming the variable', () => {
    for (const value of ['0', '-1', '2.5', 'ten']) {
      expect(() => parseSubgraphSettings(subgraph, {}, { FORUM_POSTS_PER_MINUTE: value })).toThrow(
        /FORUM_POSTS_PER_MINUTE/,
      );
    }
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eurocitiesContributor, reply, startForum, startThread, type ThreadData } from './helpers';

/** The 244 NUTS 2024 level-2 regions of the EU-27 (not extra-regio), from the regions subgraph's data. */
const EU_NUTS2: string[] = readFileSync(
  path.join(path.dirname(require.resolve('@hub/regions/package.json')), 'data/nuts2024_regions.csv'),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  // nuts_id, level, …, extra_regio, eu27 (names in between may hold quoted commas)
  .filter((cells) => cells[1] === '2' && cells.at(-2) === 'false' && cells.at(-1) === 'true')
  .map((cells) => cells[0]!);

let forum: TestSubgraph;
const events: string[] = [];

/** 120 threads, each an event's discussion about two regions; every tenth has replies (one to another post). */
beforeAll(async () => {
  forum = await startForum();
  for (let batch = 0; batch < 12; batch += 1) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const n = batch * 10 + index;
        const event = randomUUID();
        events.push(event);
        const thread: ThreadData = await startThread(forum, {
          title: `Discussion of event ${n}`,
          regions: [EU_NUTS2[n % EU_NUTS2.length], EU_NUTS2[(n * 7 + 3) % EU_NUTS2.length]],
          event,
        });
        if (index === 0) {
          const first = await reply(forum, thread.id, 'First reply.', eurocitiesContributor);
          await reply(forum, thread.id, 'Answer.', eurocitiesContributor, first.id);
        }
      }),
    );
  }
});
afterAll(async () => forum?.stop());

async function statements(query: string, variables: Record<string, unknown>, expectedLength: number) {
  const { body } = await forum.query<Record<string, unknown[] | { edges: unknown[] }>>(query, variables);
  expect(body.errors).toBeUndefined();
  const result = Object.values(body.data!)[0]!;
  expect(Array.isArray(result) ? result.length : result.edges.length).toBe(expectedLength);
  return body.extensions!.sqlStatements as number;
}

describe('SQL statements do not grow with the result size', () => {
  it('threads(first: 10) and threads(first: 100) with regions, organisation, event, posts', async () => {
    const query = /* GraphQL */ `
      query ($first: Int) {
        threads(first: $first) {
          totalCount
          edges {
            node {
              title
              regions {
                code
              }
              organisation {
                id
              }
              event {
                id
              }
              author {
                displayName
                organisation {
                  id
                }
              }
              openingPost {
                bodyHtml
              }
              posts(first: 3) {
                totalCount
                edges {
                  node {
                    bodyHtml
                    canEdit
                    author {
                      displayName
                    }
                    replyTo {
                      id
                    }
                    thread {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      }
    `;
    const small = await statements(query, { first: 10 }, 10);
    const large = await statements(query, { first: 100 }, 100);
    // page, count, regions, opening posts, posts page, posts count, then one level deeper the replied-to posts
    // and the posts' threads (Post.thread, canEdit): 8, however many threads.
    expect(small).toBe(8);
    expect(large).toBe(small);
  });

  it('_entities for 10 and 100 Event representations selecting discussion { title postCount }', async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Event {
            discussion {
              title
              postCount
            }
          }
        }
      }
    `;
    const reps = (n: number) => events.slice(0, n).map((id) => ({ __typename: 'Event', id }));
    const small = await statements(query, { r: reps(10) }, 10);
    const large = await statements(query, { r: reps(100) }, 100);
    expect(small).toBe(1);
    expect(large).toBe(small);
  });

  it('_entities for 10 and 244 Region representations counting open threads, and listing them', async () => {
    expect(EU_NUTS2).toHaveLength(244);
    const count = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Region {
            threads(filter: { statuses: [OPEN] }) {
              totalCount
            }
          }
        }
      }
    `;
    const reps = (n: number) => EU_NUTS2.slice(0, n).map((code) => ({ __typename: 'Region', code }));
    const small = await statements(count, { r: reps(10) }, 10);
    const large = await statements(count, { r: reps(244) }, 244);
    expect(small).toBe(1); // the grouped count; no page is read when only totalCount is asked for
    expect(large).toBe(small);

    const list = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Region {
            threads(first: 5) {
              totalCount
              edges {
                node {
                  title
                  regions {
                    code
                  }
                }
              }
            }
          }
        }
      }
    `;
    expect(await statements(list, { r: reps(10) }, 10)).toBe(3);
    expect(await statements(list, { r: reps(244) }, 244)).toBe(3);
  });

  it('_entities for 2 and 3 Organisation representations listing threads', async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Organisation {
            threads(first: 100) {
              totalCount
              edges {
                node {
                  title
                }
              }
            }
          }
        }
      }
    `;
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Organisation', id }));
    const small = await statements(query, { r: reps(['cpmr', 'eurocities']) }, 2);
    const large = await statements(query, { r: reps(['cpmr', 'eurocities', 'aer']) }, 3);
    expect(small).toBe(2);
    expect(large).toBe(small);
  });

  it('region counts add up with the per-region lists (the batched queries agree with one-region queries)', async () => {
    const { body } = await forum.query<{ _entities: Array<{ threads: { totalCount: number } }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { threads { totalCount } } } }',
      { r: EU_NUTS2.slice(0, 30).map((code) => ({ __typename: 'Region', code })) },
    );
    for (const [index, code] of EU_NUTS2.slice(0, 30).entries()) {
      const single = await forum.query<{ threads: { totalCount: number } }>(
        'query ($region: ID) { threads(filter: { region: $region }) { totalCount } }',
        { region: code },
      );
      expect(body.data!._entities[index]!.threads.totalCount, code).toBe(
        single.body.data!.threads.totalCount,
      );
    }
  });
});

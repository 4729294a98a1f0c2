import { randomUUID } from 'node:crypto';
import { sqlOn, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aerContributor,
  cemrContributor,
  corEditor,
  eurocitiesEditor,
  mutate,
  openProgramme,
  proposedPairing,
  startExchanges,
} from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        pairings {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
      ... on Organisation {
        id
        programmes {
          totalCount
        }
        pairings {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
      ... on Event {
        id
        pairing {
          id
        }
      }
    }
  }
`;

/** An ACTIVE pairing of AER (AT12) and CEMR (AT13) with one visit. */
async function activePairing(visit: string) {
  const { pairing } = await proposedPairing(exchanges);
  await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 1, side: 'MENTOR' }, aerContributor);
  await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 2, side: 'MENTEE' }, cemrContributor);
  await mutate(exchanges, 'updatePairing', { id: pairing.id, version: 3, visits: [visit] }, cemrContributor);
  return mutate(exchanges, 'activatePairing', { id: pairing.id, version: 4 }, corEditor);
}

describe('graph links', () => {
  it('Region.pairings, Organisation.programmes / pairings and Event.pairing show what the caller may see', async () => {
    const visit = randomUUID();
    const active = await activePairing(visit);
    const proposed = await proposedPairing(exchanges);
    const privateVisit = randomUUID();
    const representations = [
      { __typename: 'Region', code: 'AT1' },
      { __typename: 'Region', code: 'FR10' },
      { __typename: 'Organisation', id: 'cemr' },
      { __typename: 'Organisation', id: 'cor' },
      { __typename: 'Event', id: visit },
      { __typename: 'Event', id: privateVisit },
    ];
    const seenBy = async (caller?: Parameters<TestSubgraph['query']>[2]) => {
      const { body } = await exchanges.query<{ _entities: Array<Record<string, unknown>> }>(
        ENTITIES,
        { r: representations },
        caller,
      );
      expect(body.errors).toBeUndefined();
      return body.data!._entities;
    };
    const ids = (entity: Record<string, unknown>) =>
      (entity.pairings as { edges: Array<{ node: { id: string } }> }).edges.map((edge) => edge.node.id);

    const [region, empty, cemr, cor, event, noPairing] = await seenBy();
    expect(ids(region!)).toEqual([active.id]);
    expect(ids(empty!)).toEqual([]);
    expect(ids(cemr!)).toEqual([active.id]);
    expect(cor).toMatchObject({ programmes: { totalCount: 2 }, pairings: { totalCount: 0 } });
    expect(event).toEqual({ id: visit, pairing: { id: active.id } });
    expect(noPairing).toEqual({ id: privateVisit, pairing: null });

    const [regionForParty, , cemrForParty] = await seenBy(cemrContributor);
    expect(ids(regionForParty!)).toEqual([proposed.pairing.id, active.id]);
    expect(ids(cemrForParty!)).toEqual([proposed.pairing.id, active.id]);
    const [regionForOutsider] = await seenBy(eurocitiesEditor);
    expect(ids(regionForOutsider!)).toEqual([active.id]);
  });

  describe('SQL statements', () => {
    /** `count` ACTIVE pairings of one programme, each with a visit and an output (test data, written directly). */
    async function fill(count: number) {
      const programme = await openProgramme(exchanges);
      await sqlOn(
        exchanges,
        `WITH a AS (
           INSERT INTO application (id, programme_id, organisation, territory, role)
           SELECT gen_random_uuid(), ?::uuid, 'org-' || n, 'AT1' || (1 + n % 3), r
           FROM generate_series(1, ?) AS n, unnest(ARRAY['MENTOR', 'MENTEE']) AS r
           RETURNING id, organisation, territory, role)
         INSERT INTO pairing (id, programme_id, organiser, mentor_application_id, mentee_application_id,
           mentor_organisation, mentor_territory, mentee_organisation, mentee_territory, status,
           visit_event_ids, output_resource_ids)
         SELECT gen_random_uuid(), ?::uuid, 'cor', m.id, e.id, m.organisation, m.territory, e.organisation,
           e.territory, 'ACTIVE', ARRAY[gen_random_uuid()], ARRAY[gen_random_uuid()]
         FROM a m JOIN a e ON e.organisation = m.organisation AND m.role = 'MENTOR' AND e.role = 'MENTEE'`,
        [programme.id, count, programme.id],
      );
      return programme.id;
    }

    const QUERY = /* GraphQL */ `
      query ($id: ID!, $r: [_Any!]!) {
        programme(id: $id) {
          pairings(first: 500) {
            totalCount
            edges {
              node {
                id
                status
                programme {
                  title
                }
                mentor {
                  organisation {
                    id
                  }
                  territory {
                    code
                  }
                }
                mentee {
                  organisation {
                    id
                  }
                  territory {
                    code
                  }
                }
                visits {
                  id
                }
                outputs {
                  id
                }
                feedback {
                  rating
                }
              }
            }
          }
        }
        _entities(representations: $r) {
          ... on Event {
            pairing {
              id
            }
          }
          ... on Organisation {
            pairings(first: 500) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      }
    `;

    async function statements(programme: string) {
      const [rows, organisations] = await Promise.all([
        sqlOn<{ visit: string }>(
          exchanges,
          'SELECT visit_event_ids[1] AS visit FROM pairing WHERE programme_id = ?',
          [programme],
        ),
        sqlOn<{ organisation: string }>(
          exchanges,
          'SELECT mentor_organisation AS organisation FROM pairing WHERE programme_id = ?',
          [programme],
        ),
      ]);
      const { body } = await exchanges.query<{ programme: { pairings: { totalCount: number } } }>(
        QUERY,
        {
          id: programme,
          r: [
            ...rows.map((row) => ({ __typename: 'Event', id: row.visit })),
            ...organisations.map((row) => ({ __typename: 'Organisation', id: row.organisation })),
          ],
        },
        corEditor,
      );
      expect(body.errors).toBeUndefined();
      return {
        count: body.data!.programme.pairings.totalCount,
        statements: body.extensions!.sqlStatements as number,
      };
    }

    it('do not grow with 10 or 100 pairings with their regions, visits and outputs', async () => {
      const ten = await statements(await fill(10));
      const hundred = await statements(await fill(100));
      expect(ten.count).toBe(10);
      expect(hundred.count).toBe(100);
      expect(hundred.statements).toBeGreaterThan(0);
      expect(hundred.statements).toBe(ten.statements);
      expect(hundred.statements).toBeLessThanOrEqual(10);
    });
  });
});

import { encodeCursor } from '@hub/kit';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegions } from './helpers';

let regions: TestSubgraph;
beforeAll(async () => {
  regions = await startRegions();
});
afterAll(async () => regions?.stop());

const NESTED = /* GraphQL */ `
  query Nested($first: Int!, $after: String) {
    regions(level: 2, first: $first, after: $after) {
      edges {
        node {
          code
          parent {
            name
          }
          children {
            code
          }
          memberships {
            organisation {
              name
            }
          }
        }
      }
    }
  }
`;

async function statementsFor(first: number, after?: string): Promise<{ statements: number; rows: number }> {
  const { body } = await regions.query<{ regions: { edges: unknown[] } }>(NESTED, { first, after });
  expect(body.errors).toBeUndefined();
  return { statements: body.extensions!.sqlStatements as number, rows: body.data!.regions.edges.length };
}

describe('DataLoader batching', () => {
  it('sends the same number of SQL statements for 10 and for 300 regions', async () => {
    // Start the small page at the Danish regions so it has memberships too (DK05 is a CPMR member).
    const small = await statementsFor(10, encodeCursor(['DEG0']));
    const large = await statementsFor(300);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(296); // every level-2 region that is not Extra-Regio
    // regions page + parents + children + memberships + organisations
    expect(small.statements).toBe(5);
    expect(large.statements).toBe(small.statements);
  });

  it('resolves _entities for many regions with one statement', async () => {
    const codes = ['FR10', 'FRH0', 'EL43', 'SE224', 'DK05', 'DE21', 'ES61', 'IT', 'PL9', 'AT13'];
    const { body } = await regions.query<{ _entities: Array<{ code: string } | null> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code name } } }',
      { r: codes.map((code) => ({ __typename: 'Region', code })) },
    );
    expect(body.data!._entities.map((e) => e?.code)).toEqual(codes);
    expect(body.extensions!.sqlStatements).toBe(1);
  });
});

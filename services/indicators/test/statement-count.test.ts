import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndicatorCsv } from '../src/seeds/eurostat.seed';
import { startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

const EU_NUTS2 = readIndicatorCsv()
  .map((row) => row.nuts_id!)
  .filter((code) => !['CH', 'IS', 'ME', 'MK', 'NO', 'RS', 'TR'].includes(code.slice(0, 2)));

const REGION_FIELDS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        indicatorValues(indicators: ["employment_rate_20_64", "employment_gap_20_64"], period: 2025) {
          value
          indicator {
            code
            unit
          }
          contributedBy {
            id
          }
          history {
            value
          }
        }
        latest(indicator: "net_migration_rate") {
          value
        }
      }
    }
  }
`;

async function statementsFor(codes: string[]): Promise<number> {
  const { body } = await indicators.query<{ _entities: Array<{ code: string; indicatorValues: unknown[] }> }>(
    REGION_FIELDS,
    { r: codes.map((code) => ({ __typename: 'Region', code })) },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data!._entities.map((e) => e.code)).toEqual(codes);
  return body.extensions!.sqlStatements as number;
}

describe('DataLoader batching', () => {
  it('costs the same SQL statements for 10 and for 244 region representations', async () => {
    expect(EU_NUTS2).toHaveLength(244);
    const small = await statementsFor(EU_NUTS2.slice(0, 10));
    const large = await statementsFor(EU_NUTS2);
    // indicators + indicatorValues + latest + history
    expect(small).toBe(4);
    expect(large).toBe(small);
  });

  it('resolves Observation.indicator of a whole page with one statement', async () => {
    const { body } = await indicators.query(
      '{ observations(indicator: "employment_rate_20_64", first: 500) { edges { node { value indicator { name } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.extensions!.sqlStatements).toBe(2); // the page, the indicators (validation and field share a loader)
  });
});

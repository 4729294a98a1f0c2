import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src/subgraph';

describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: subgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [
    {
      representation: { __typename: 'Indicator', code: 'employment_rate_20_64' },
      selection: 'code name unit',
    },
    {
      representation: { __typename: 'Region', code: 'AT13' },
      selection: 'code latest(indicator: "employment_rate_20_64", breakdown: FOREIGN_BORN) { value }',
    },
    {
      representation: { __typename: 'Organisation', id: 'cpmr' },
      selection: 'id contributions { totalCount }',
    },
  ],
});

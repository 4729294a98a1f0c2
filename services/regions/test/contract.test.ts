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
    { representation: { __typename: 'Region', code: 'FR10' }, selection: 'code name' },
    { representation: { __typename: 'Organisation', id: 'cpmr' }, selection: 'id name' },
  ],
});

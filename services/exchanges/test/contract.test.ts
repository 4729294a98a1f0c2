import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src';

// The contract every subgraph keeps (SDL = committed schema.graphql and error-extensions.json, everything
// described, keys resolve through _entities, health answers). No programme or pairing is seeded (none is
// invented): the owned keys are proved by programmes.test.ts and pairings.test.ts through `_entities`; here the
// extended types.
describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: subgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [
    { representation: { __typename: 'Region', code: 'AT13' }, selection: 'code pairings { totalCount }' },
    {
      representation: { __typename: 'Organisation', id: 'cor' },
      selection: 'id programmes { totalCount } pairings { totalCount }',
    },
    {
      representation: { __typename: 'Event', id: '7c0a3f6e-2b1d-4c8e-9f5a-1d2e3f4a5b6c' },
      selection: 'id pairing { id }',
    },
  ],
});

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src';

// The contract every subgraph keeps (SDL = committed schema.graphql and error-extensions.json, everything
// described, keys resolve through _entities, health answers). Resource keys are tested in reference.test.ts.
describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: subgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [
    { representation: { __typename: 'Region', code: 'FR10' }, selection: 'code resourceCount' },
    { representation: { __typename: 'Organisation', id: 'cpmr' }, selection: 'id resources { totalCount }' },
    { representation: { __typename: 'Event', id: randomUUID() }, selection: 'id materials { id }' },
    { representation: { __typename: 'Thread', id: randomUUID() }, selection: 'id resources { id }' },
  ],
});

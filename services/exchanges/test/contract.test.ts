import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src';

// The contract every subgraph keeps (SDL = committed schema.graphql and error-extensions.json, everything
// described, keys resolve through _entities, health answers). Programme keys are tested in reference.test.ts,
// where one exists.
describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: subgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [{ representation: { __typename: 'Region', code: 'FR10' }, selection: 'code programmeCount' }],
});

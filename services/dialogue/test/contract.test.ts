import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as dialogueSubgraph } from '../src';

describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: dialogueSubgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  // No seeded consultation (none is invented): the owned keys are proved by consultations.test.ts and
  // visibility.test.ts through `_entities`; here the extended types.
  entities: [
    {
      representation: { __typename: 'Region', code: 'EL43' },
      selection: 'code consultations { totalCount } needs { policyArea }',
    },
    {
      representation: { __typename: 'Organisation', id: 'cor' },
      selection: 'id consultations { totalCount }',
    },
    {
      representation: { __typename: 'Event', id: '7c0a3f6e-2b1d-4c8e-9f5a-1d2e3f4a5b6c' },
      selection: 'id consultations { id }',
    },
  ],
});

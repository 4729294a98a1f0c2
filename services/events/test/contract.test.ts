import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as eventsSubgraph } from '../src';
import { PARTNERSHIP_EVENTS } from '../src/seeds/partnership-events.data';

describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: eventsSubgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [
    {
      representation: { __typename: 'Event', id: PARTNERSHIP_EVENTS[0]!.id },
      selection: 'id title status hostRegions { code }',
    },
    {
      representation: { __typename: 'Region', code: 'BE10' },
      selection: 'code events { totalCount }',
    },
    {
      representation: { __typename: 'Organisation', id: 'cor' },
      selection: 'id events { totalCount }',
    },
  ],
});

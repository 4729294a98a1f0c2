import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describeSubgraphContract } from '@hub/kit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as forumSubgraph } from '../src';

// The forum has no seed data, so Thread's key is checked in federation.test.ts, after writing a thread.
describeSubgraphContract({
  test: { describe, it, beforeAll, afterAll, expect },
  definition: forumSubgraph,
  schemaFile: path.resolve(__dirname, '../schema.graphql'),
  serverUrl: () => inject('databaseServerUrl'),
  entities: [
    { representation: { __typename: 'Region', code: 'FR10' }, selection: 'code threads { totalCount }' },
    { representation: { __typename: 'Organisation', id: 'cpmr' }, selection: 'id threads { totalCount }' },
    { representation: { __typename: 'Event', id: randomUUID() }, selection: 'id discussion { id }' },
  ],
});

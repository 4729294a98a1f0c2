import path from 'node:path';
import { readExamples, runExample, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startRegions } from './helpers';

// Each example runs as written (variables from the `# { … }` comment above it), without errors and with data.

let regions: TestSubgraph;
beforeAll(async () => {
  regions = await startRegions();
});
afterAll(async () => regions?.stop());

describe('examples.graphql', () => {
  for (const example of readExamples(path.resolve(__dirname, '../examples.graphql'))) {
    it(`runs ${example.name} without errors and with data`, async () => {
      await runExample(regions, example);
    });
  }
});

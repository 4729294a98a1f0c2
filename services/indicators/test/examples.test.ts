import path from 'node:path';
import { readExamples, runExample, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startIndicators } from './helpers';

// Each example runs as written (variables from the `# { … }` comment above it), without errors and with data.

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

describe('examples.graphql', () => {
  for (const example of readExamples(path.resolve(__dirname, '../examples.graphql'))) {
    it(`runs ${example.name} without errors and with data`, async () => {
      await runExample(indicators, example);
    });
  }
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExamples, runExample, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { startLibrary } from './helpers';

// Each example runs in file order as a CPMR member (contributor, editor and moderator), without errors and with
// data; $id and $version come from the record the mutations above it wrote (each mutation's result updates them).

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

const cpmrMember = testCaller('cpmr', ['contributor', 'editor', 'moderator'], 'member-cpmr');
const examples = readExamples(path.resolve(__dirname, '../examples.graphql'));

/** What the example mutations wrote: the id and version later operations take as variables. */
const state: Record<string, unknown> = {};

describe('examples.graphql', () => {
  it('has queries and mutations', () => {
    expect(new Set(examples.map((example) => example.operation))).toEqual(new Set(['query', 'mutation']));
  });

  for (const example of examples) {
    it(`runs ${example.name} without errors and with data`, async () => {
      const data = await runExample(library, example, { variables: state, caller: cpmrMember });
      if (example.operation === 'mutation') {
        for (const value of Object.values(data)) {
          const written = value as { id: string; version: number };
          Object.assign(state, { id: written.id, version: written.version });
        }
      }
    });
  }
});

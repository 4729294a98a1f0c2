import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestSubgraph } from '@hub/kit/testing';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

const operations = parse(
  readFileSync(path.resolve(__dirname, '../examples.graphql'), 'utf8'),
).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);

describe('examples.graphql', () => {
  for (const operation of operations) {
    it(`runs ${operation.name?.value ?? 'an operation'} without errors and with data`, async () => {
      const { body } = await indicators.query(print(operation));
      expect(body.errors).toBeUndefined();
      expect(
        Object.values(body.data ?? {}).every((value) => (Array.isArray(value) ? value.length > 0 : value)),
      ).toBe(true);
    });
  }
});

import { readFileSync } from 'node:fs';
import { undocumentedSchemaElements } from '@hub/kit';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE } from '../src/subgraphs';

/** The schema is the product's documentation: every type, field, argument and enum value says what it is. */
describe('API schema documentation', () => {
  it('describes every type, field, argument and enum value of the composed API', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
    expect(Object.keys(schema.getTypeMap()).length).toBeGreaterThan(50);
    expect(undocumentedSchemaElements(schema)).toEqual([]);
  });
});

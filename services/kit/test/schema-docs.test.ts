import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { undocumentedSchemaElements } from '../src/graphql/federated-schema';

describe('undocumentedSchemaElements', () => {
  it('names each type, field, argument, input field and enum value without a description', () => {
    const schema = buildSchema(/* GraphQL */ `
      "Root."
      type Query {
        "Described."
        region("Code." code: ID!, level: Int): Region
        bare: String
      }
      type Region {
        "Code."
        code: ID!
      }
      "Input."
      input Filter {
        search: String
      }
      "Kinds."
      enum Kind {
        "Described."
        A
        B
      }
      scalar DateTimeISO
    `);
    expect(undocumentedSchemaElements(schema).sort()).toEqual(
      ['DateTimeISO', 'Filter.search', 'Kind.B', 'Query.bare', 'Query.region(level)', 'Region'].sort(),
    );
  });
});

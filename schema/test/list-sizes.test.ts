import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, SUPERGRAPH_FILE } from '../src/subgraphs';
import { listSizesOf } from '@hub/kit';

/**
 * The list fields the gateway's cost limit needs a size for: lists of objects without a `first` argument,
 * other than the `edges` of a connection (sized by the connection's `first`).
 */
function unpagedObjectLists(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
      if (field.args.some((argument) => argument.name === 'first')) continue;
      if (field.name === 'edges' && type.name.endsWith('Connection')) continue;
      fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

describe('declared list sizes (the gateway cost limit reads them)', () => {
  const api = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  const declared = listSizesOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));

  it('every list of objects is paged with `first` or declares its size with the kit’s ListSize', () => {
    const lists = unpagedObjectLists(api);
    expect(lists.length).toBeGreaterThan(30);
    expect(lists.filter((field) => !declared.has(field))).toEqual([]);
  });

  it('finds an undeclared list (the check bites)', () => {
    const schema = buildSchema(/* GraphQL */ `
      type Query {
        regions(first: Int): [Region!]!
        everything: [Region!]!
        codes: [String!]!
      }
      type Region {
        code: ID!
        children: [Region!]!
      }
    `);
    const sizes = listSizesOf(/* GraphQL */ `
      type Region {
        children: [Region!]! @listSize(assumedSize: 25)
      }
    `);
    expect(unpagedObjectLists(schema).filter((field) => !sizes.has(field))).toEqual(['Query.everything']);
  });

  it('declares the NUTS bounds from the data', () => {
    expect(declared.get('Region.children')).toBe(25);
    expect(declared.get('Region.ancestors')).toBe(3);
  });
});

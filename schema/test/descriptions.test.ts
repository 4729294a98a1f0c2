import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE } from '../src/subgraphs';

/** The schema is the product's documentation: every type, field, argument and enum value says what it is. */
describe('API schema documentation', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

  it('describes every type', () => {
    const undocumented = types.filter((type) => !builtIn.has(type.name) && !type.description?.trim());
    expect(undocumented.map((type) => type.name)).toEqual([]);
  });

  it('describes every field, argument and enum value', () => {
    const undocumented: string[] = [];
    for (const type of types) {
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description?.trim()) undocumented.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});

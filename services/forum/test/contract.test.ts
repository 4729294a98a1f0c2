import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { subgraphSdl } from '@hub/kit';
import { describeSubgraphContract } from '@hub/kit/contract';
import { buildASTSchema, isEnumType, isInputObjectType, isObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { forumSubgraph } from '../src/forum.subgraph';

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

describe('forum schema documentation', () => {
  it('describes every type, field, argument and enum value it defines', async () => {
    const sdl = (await subgraphSdl(forumSubgraph)).replace(/^extend schema[\s\S]*?\)\n/, '');
    const schema = buildASTSchema(parse(sdl), { assumeValid: true });
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        continue;
      if (!type.description?.trim()) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
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

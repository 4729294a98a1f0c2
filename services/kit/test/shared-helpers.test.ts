import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { buildSchema, graphql } from 'graphql';
import { batchByArguments } from '../src/data/batching';
import { oncePerField } from '../src/graphql/field-memo';
import {
  canonicalList,
  checkedSubscriptionScope,
  normaliseOrganisationFilter,
  normaliseRegionFilter,
} from '../src/graphql/filters';
import { referenceConstructor, referenceResolver } from '../src/graphql/references';
import { NUTS_CODE_PATTERN } from '../src/vocabulary/patterns';

describe('batchByArguments', () => {
  it('calls load once per distinct set of other arguments, with distinct ids, and answers in key order', async () => {
    const calls: Array<{ ids: string[]; args: { size: number } }> = [];
    const keys = [
      { id: 'FR10', size: 2 },
      { id: 'EL43', size: 5 },
      { id: 'BE10', size: 2 },
      { id: 'FR10', size: 2 },
    ];
    const result = await batchByArguments(
      keys,
      async (ids, args) => {
        calls.push({ ids, args });
        return new Map(ids.filter((id) => id !== 'BE10').map((id) => [id, `${id}/${args.size}`]));
      },
      'missing',
    );
    expect(result).toEqual(['FR10/2', 'EL43/5', 'missing', 'FR10/2']);
    expect(calls).toEqual([
      { ids: ['FR10', 'BE10'], args: { size: 2 } },
      { ids: ['EL43'], args: { size: 5 } },
    ]);
  });

  it('groups keys whose object arguments are equal, shared or not, and tells different ones apart', async () => {
    const shared = { statuses: ['OPEN'], search: null };
    const keys = [
      { id: 'FR10', filter: shared, first: 0 },
      { id: 'EL43', filter: shared, first: 0 },
      { id: 'BE10', filter: { statuses: ['OPEN'], search: null }, first: 0 },
      { id: 'FR10', filter: { statuses: ['LOCKED'], search: null }, first: 0 },
    ];
    const calls: string[][] = [];
    const result = await batchByArguments(
      keys,
      async (ids, args) => {
        calls.push(ids);
        return new Map(ids.map((id) => [id, `${id}/${args.filter.statuses.join()}`]));
      },
      'missing',
    );
    expect(result).toEqual(['FR10/OPEN', 'EL43/OPEN', 'BE10/OPEN', 'FR10/LOCKED']);
    expect(calls).toEqual([['FR10', 'EL43', 'BE10'], ['FR10']]);
  });
});

describe('oncePerField', () => {
  const schema = buildSchema(/* GraphQL */ `
    type Query {
      items: [Item!]!
    }
    type Item {
      label(prefix: String!): String!
    }
  `);
  const computed: string[] = [];
  const rootValue = {
    items: () =>
      ['a', 'b', 'c'].map((name) => ({
        label: (args: { prefix: string }, _context: unknown, info: Parameters<typeof oncePerField>[0]) =>
          `${oncePerField(info, () => {
            computed.push(args.prefix);
            return args.prefix.toUpperCase();
          })}${name}`,
      })),
  };

  it('works out the arguments of a field once per request, again for another field or request', async () => {
    const source = '{ items { x: label(prefix: "x") y: label(prefix: "y") } }';
    const first = await graphql({ schema, source, rootValue });
    expect(first.data).toEqual({
      items: [
        { x: 'Xa', y: 'Ya' },
        { x: 'Xb', y: 'Yb' },
        { x: 'Xc', y: 'Yc' },
      ],
    });
    expect(computed).toEqual(['x', 'y']);
    await graphql({ schema, source, rootValue });
    expect(computed).toEqual(['x', 'y', 'x', 'y']);
  });
});

describe('referenceResolver', () => {
  class Stub {
    code!: string;
  }
  const resolve = referenceResolver(Stub, 'code', NUTS_CODE_PATTERN);

  it('makes an instance of the class with only the key for a well-formed key', () => {
    const stub = resolve({ code: 'FR10' });
    expect(stub).toBeInstanceOf(Stub);
    expect({ ...stub }).toEqual({ code: 'FR10' });
    expect(referenceConstructor(Stub, 'code')('EL43')).toEqual(Object.assign(new Stub(), { code: 'EL43' }));
  });

  it('answers null for anything else', () => {
    expect(resolve({ code: 'fr10' })).toBeNull();
    expect(resolve({ code: 'FR10; DROP TABLE' })).toBeNull();
  });
});

describe('filter arguments', () => {
  it('normalises a region and an organisation, null when blank', () => {
    expect(normaliseRegionFilter(' frh0 ', 'filter.region')).toBe('FRH0');
    expect(normaliseRegionFilter('  ', 'filter.region')).toBeNull();
    expect(normaliseOrganisationFilter(' cpmr ', 'filter.organisation')).toBe('cpmr');
    expect(normaliseOrganisationFilter(undefined, 'filter.organisation')).toBeNull();
  });

  it('refuses malformed ones in the one BAD_USER_INPUT shape, at the path given', () => {
    const fieldError = (path: string, message: string) =>
      expect.objectContaining({
        message: `Invalid input: ${path}: ${message}`,
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path, messages: [message] }] },
      });
    expect(() => normaliseRegionFilter('France', 'filter.region')).toThrow(
      fieldError(
        'filter.region',
        '"France" is not a NUTS code (two letters, then up to three letters or digits)',
      ),
    );
    expect(() => normaliseOrganisationFilter('Not An Id', 'where.organisation')).toThrow(
      fieldError('where.organisation', '"Not An Id" is not an organisation id'),
    );
    expect(() => checkedSubscriptionScope({ organisation: 'x' })).toThrow(
      fieldError('organisation', '"x" is not an organisation id'),
    );
    expect(() => checkedSubscriptionScope({ region: 'fr10' })).toThrow(
      fieldError('region', '"fr10" is not a NUTS region code'),
    );
  });

  it('keeps a subscription scope as given', () => {
    expect(checkedSubscriptionScope({})).toEqual({ region: null, organisation: null });
    expect(checkedSubscriptionScope({ region: 'EL43', organisation: 'cor' })).toEqual({
      region: 'EL43',
      organisation: 'cor',
    });
  });

  it('puts lists in canonical form', () => {
    expect(canonicalList(['b', 'a', 'b'])).toEqual(['a', 'b']);
    expect(canonicalList([])).toBeNull();
    expect(canonicalList(null)).toBeNull();
  });
});

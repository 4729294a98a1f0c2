import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { batchByArguments } from '../src/data/batching';
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

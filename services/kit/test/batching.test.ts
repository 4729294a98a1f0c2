import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { batchByArguments, BY_JSON } from '../src/data/batching';

describe('batchByArguments', () => {
  it('calls load once per distinct set of arguments, shared objects or equal copies alike', async () => {
    const calls: Array<{ ids: string[]; args: object }> = [];
    const query = { filter: { upcoming: true }, viewer: null };
    const keys = [
      { id: 'AT11', scope: 'region', query },
      { id: 'AT12', scope: 'region', query },
      // an equal copy of the same arguments: the same batch
      { id: 'AT13', scope: 'region', query: { filter: { upcoming: true }, viewer: null } },
      { id: 'AT11', scope: 'region', query: { filter: { upcoming: false }, viewer: null } },
      { id: 'AT11', scope: 'organisation', query },
    ];
    const values = await batchByArguments(
      keys,
      async (ids, args) => {
        calls.push({ ids, args });
        return new Map(ids.filter((id) => id !== 'AT12').map((id) => [id, `${id} ${JSON.stringify(args)}`]));
      },
      'none',
    );
    expect(calls.map((call) => call.ids)).toEqual([['AT11', 'AT12', 'AT13'], ['AT11'], ['AT11']]);
    expect(calls[1]!.args).toEqual({ scope: 'region', query: { filter: { upcoming: false }, viewer: null } });
    expect(values).toEqual([
      `AT11 ${JSON.stringify({ scope: 'region', query })}`,
      'none',
      `AT13 ${JSON.stringify({ scope: 'region', query })}`,
      `AT11 ${JSON.stringify({ scope: 'region', query: { filter: { upcoming: false }, viewer: null } })}`,
      `AT11 ${JSON.stringify({ scope: 'organisation', query })}`,
    ]);
  });

  it('tells arguments apart by value, not by how they print', async () => {
    const calls: string[][] = [];
    await batchByArguments(
      [
        { id: 'a', period: 2024, breakdown: null },
        { id: 'b', period: '2024', breakdown: null },
        { id: 'c', period: 2024, breakdown: null },
      ],
      async (ids) => {
        calls.push(ids);
        return new Map();
      },
      null,
    );
    expect(calls).toEqual([['a', 'c'], ['b']]);
  });
});

describe('BY_JSON', () => {
  it('gives keys equal as JSON one cache entry and different keys their own', async () => {
    const batches: number[] = [];
    const loader = new DataLoader<object, string, string>(async (keys) => {
      batches.push(keys.length);
      return keys.map((key) => JSON.stringify(key));
    }, BY_JSON);
    const shared = { indicators: ['a', 'b'] };
    const [first, second, third, fourth] = await Promise.all([
      loader.load({ id: 'x', args: shared }),
      loader.load({ id: 'x', args: { indicators: ['a', 'b'] } }),
      loader.load({ id: 'x', args: { indicators: ['b', 'a'] } }),
      loader.load({ id: 'x', args: shared, period: undefined }),
    ]);
    expect(batches).toEqual([2]);
    expect(second).toBe(first);
    expect(fourth).toBe(first);
    expect(third).toBe(JSON.stringify({ id: 'x', args: { indicators: ['b', 'a'] } }));
    expect(BY_JSON.cacheKeyFn({ id: '1', n: 1 })).not.toBe(BY_JSON.cacheKeyFn({ id: '1', n: '1' }));
  });
});

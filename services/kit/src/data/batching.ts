/** Rows grouped by key, in the order of `keys` (DataLoader's contract: same length, same order). */
export function groupInKeyOrder<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** The row of each key (or null), in the order of `keys`. */
export function oneInKeyOrder<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * Batches DataLoader keys that differ only in `id` (a region code, an organisation id, a thread id) and share
 * the other arguments: one call of `load` per distinct set of arguments, so SQL statements grow with the
 * number of argument sets in a request, not with the number of ids. Results come back in key order; an id
 * `load` left out of its map gets `missing`.
 */
export async function batchByArguments<K extends { id: string }, V>(
  keys: readonly K[],
  load: (ids: string[], args: Omit<K, 'id'>) => Promise<Map<string, V>>,
  missing: V,
): Promise<V[]> {
  const groups = new Map<string, { args: Omit<K, 'id'>; ids: Set<string> }>();
  for (const { id, ...args } of keys) {
    const signature = JSON.stringify(args);
    const group = groups.get(signature) ?? { args, ids: new Set<string>() };
    group.ids.add(id);
    groups.set(signature, group);
  }
  const results = new Map<string, Map<string, V>>();
  await Promise.all(
    [...groups].map(async ([signature, group]) => {
      results.set(signature, await load([...group.ids], group.args));
    }),
  );
  return keys.map(({ id, ...args }) => results.get(JSON.stringify(args))?.get(id) ?? missing);
}

/** DataLoader option for object keys (as `batchByArguments` takes): equal arguments share one cache entry. */
export const BY_JSON = { cacheKeyFn: (key: object) => JSON.stringify(key) };

/**
 * Batches DataLoader keys that differ only in `id` (a region code, an organisation id, a thread id) and share
 * the other arguments: one call of `load` per distinct set of arguments, so SQL statements grow with the
 * number of argument sets in a request, not with the number of ids. Results come back in key order.
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

/** DataLoader option for object keys: equal arguments share one cache entry. */
export const BY_JSON = { cacheKeyFn: (key: object) => JSON.stringify(key) };

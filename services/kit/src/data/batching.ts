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
 * The JSON of object values, remembered by identity: the keys of a request's loads share their argument objects
 * (worked out once per field, `oncePerField`), so 244 regions' keys are not serialised 244 times. An object must
 * not change once it is part of a key (DataLoader batches keys after the loads, so it holds anyway).
 */
const jsonByObject = new WeakMap<object, string>();

function valueSignature(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let json = jsonByObject.get(value);
  if (json === undefined) jsonByObject.set(value, (json = JSON.stringify(value)));
  return json;
}

/**
 * One string for a key's properties (in their order, `undefined` ones left out as JSON does), `skip` excepted:
 * equal for keys whose values are equal as JSON.
 */
function keySignature(key: object, skip?: string): string {
  let signature = '';
  for (const [name, value] of Object.entries(key)) {
    if (name === skip || value === undefined) continue;
    signature += `${JSON.stringify(name)}:${valueSignature(value)},`;
  }
  return signature;
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
  const signatures = keys.map((key) => keySignature(key, 'id'));
  const groups = new Map<string, { args: Omit<K, 'id'>; ids: Set<string>; rows?: Map<string, V> }>();
  keys.forEach((key, index) => {
    const signature = signatures[index]!;
    let group = groups.get(signature);
    if (!group) {
      const { id: _id, ...args } = key;
      groups.set(signature, (group = { args, ids: new Set<string>() }));
    }
    group.ids.add(key.id);
  });
  await Promise.all(
    [...groups.values()].map(async (group) => {
      group.rows = await load([...group.ids], group.args);
    }),
  );
  return keys.map((key, index) => groups.get(signatures[index]!)?.rows?.get(key.id) ?? missing);
}

/** DataLoader option for object keys (as `batchByArguments` takes): equal arguments share one cache entry. */
export const BY_JSON = { cacheKeyFn: (key: object) => keySignature(key) };

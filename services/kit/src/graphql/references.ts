// A subgraph that extends an entity another subgraph owns (`Region`, `Organisation`, `Event` …) declares its own
// `@ObjectType` class holding only the key, and adds its field resolvers to that class. Each subgraph keeps its own
// class (type-graphql's metadata is global, and the whole hub runs every subgraph in one process: a shared class
// would carry one subgraph's fields into another's schema); what they share is how instances are made and how
// `_entities` resolves them.

/**
 * Makes stubs of an entity another subgraph owns: an instance of `Class` with only `keyField` set, so that
 * type-graphql runs this subgraph's field resolvers of `Class` on it and the gateway fetches the rest.
 */
export function referenceConstructor<K extends string, T extends Record<K, string>>(
  Class: new () => T,
  keyField: K,
): (key: string) => T {
  return (key) => Object.assign(new Class(), { [keyField]: key });
}

/**
 * `__resolveReference` for such a stub: an instance for any key of the right format (`pattern`; the owning
 * subgraph holds the list and answers for keys it does not know), null for anything else.
 */
export function referenceResolver<K extends string, T extends Record<K, string>>(
  Class: new () => T,
  keyField: K,
  pattern: RegExp,
): (reference: Record<K, string>) => T | null {
  const reference = referenceConstructor(Class, keyField);
  return (representation) =>
    pattern.test(representation[keyField]) ? reference(representation[keyField]) : null;
}

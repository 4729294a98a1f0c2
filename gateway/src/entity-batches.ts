import type { GraphQLFormattedError } from 'graphql';

/**
 * @apollo/gateway sends one representation per occurrence of an entity in the result: the published results
 * of a consultation name the same 240 NUTS 2 regions under each of its 20 questions, so the regions subgraph
 * would resolve 4,800 references to return 240 distinct regions. The hub's data sources send each distinct
 * representation once and give every occurrence its own copy of the answer, in the order the gateway expects.
 */
export interface EntityBatch {
  /** The distinct representations, in order of first occurrence. */
  unique: unknown[];
  /** For each representation the gateway asked for, the index of its distinct one in `unique`. */
  positions: number[];
}

/** Distinct representations by value (the gateway writes them in the order of its key selection). */
export function dedupeRepresentations(representations: readonly unknown[]): EntityBatch {
  const indexByKey = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.length;
      indexByKey.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  return { unique, positions };
}

/**
 * `_entities` and the errors under it, expanded from the distinct representations back to every one the
 * gateway asked for. Repeated entities are copies (the gateway merges later fetches into them in place), and
 * an error at `_entities.k` is reported at every position that asked for `k`.
 */
export function expandEntities<
  T extends { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] },
>(result: T, batch: EntityBatch): T {
  const entities = result.data?._entities;
  const handedOut = new Set<number>();
  const expanded = Array.isArray(entities)
    ? batch.positions.map((index) => {
        if (handedOut.has(index)) return structuredClone(entities[index]);
        handedOut.add(index);
        return entities[index];
      })
    : entities;
  const errors = result.errors?.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') return [error];
    return batch.positions.flatMap((unique, position) =>
      unique === index ? [{ ...error, path: ['_entities', position, ...rest] }] : [],
    );
  });
  return {
    ...result,
    ...(result.data ? { data: { ...result.data, _entities: expanded } } : {}),
    ...(errors ? { errors } : {}),
  };
}

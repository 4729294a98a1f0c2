import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a cached response depends on, as tags the cache indexes its entries by:
 *
 * - `e:<Type>:<key>` — the response shows entity `<Type>` with that key (`id` or `code`), and every field of it
 *   that its tracking subgraph serves is covered by that subgraph's domain event for that key;
 * - `s:<subgraph>` — the response holds something of that subgraph no entity event covers: a list (an event
 *   created elsewhere may join it), a lookup that found nothing (it may be created), a count, a field on a type
 *   the subgraph publishes no events for. Any write of the subgraph evicts it;
 * - `s:*` — a field the supergraph names no owner for: any write evicts it.
 *
 * The tags are computed from the response itself, walked along the operation with the API schema, and the
 * supergraph's `@join__type`/`@join__field` directives, which say which subgraph resolves each field. This
 * is sound where the subgraph's fetches alone would not be: the gateway asks a subgraph for `__typename` and
 * keys only when another subgraph needs them, so the client's own selection (its `id`) is what names the
 * entity, and an entity whose key the client did not select cannot be named: its fields count as `s:`.
 */
export const ANY_SUBGRAPH_TAG = 's:*';
export const subgraphTag = (subgraph: string) => `s:${subgraph}`;
export const entityTag = (type: string, key: string) => `e:${type}:${key}`;
/** Every entry with an `e:<Type>:…` tag also has `t:<Type>`, for an event that names no key. */
export const entityTypeTag = (type: string) => `t:${type}`;

/** Which subgraphs resolve each field, and the key of each entity type, read from the supergraph. */
export interface SupergraphOwnership {
  /** Subgraphs resolving `type.field` (not counting `external` copies); empty when unknown. */
  owners(type: string, field: string): readonly string[];
  /** The key field (`id`, `code`) of an entity type; undefined for value types. */
  keyOf(type: string): string | undefined;
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return String(value.value);
  return undefined;
}

export function supergraphOwnership(supergraphSdl: string): SupergraphOwnership {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owners = new Map<string, string[]>();
  const typeGraphs = new Map<string, string[]>();
  const keys = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && argument(graph, 'name');
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const type = definition.name.value;
    const graphs: string[] = [];
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const graph = graphNames.get(argument(directive, 'graph') ?? '');
      if (graph) graphs.push(graph);
      const key = argument(directive, 'key');
      // a single field key, the only kind the hub uses; a compound key names no cacheable entity
      if (key && /^\s*\w+\s*$/.test(key) && !keys.has(type)) keys.set(type, key.trim());
    }
    typeGraphs.set(type, graphs);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const resolving = joins
        .filter((d) => argument(d, 'external') !== 'true')
        .map((d) => graphNames.get(argument(d, 'graph') ?? ''))
        .filter((name): name is string => name !== undefined);
      // no @join__field: every subgraph that defines the type resolves it (shared and key fields)
      owners.set(`${type}.${field.name.value}`, joins.length ? resolving : graphs);
    }
  }
  return {
    owners: (type, field) => owners.get(`${type}.${field}`) ?? [],
    keyOf: (type) => keys.get(type),
  };
}

/** Entity types whose every field its subgraph serves changes only with a domain event naming its key. */
export type TrackedEntities = ReadonlyMap<string, string>;

interface Walk {
  schema: GraphQLSchema;
  ownership: SupergraphOwnership;
  tracked: TrackedEntities;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  tags: Set<string>;
}

function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into: FieldNode[],
) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition?.name.value;
      if (condition === undefined || condition === type.name)
        collectFields(walk, type, fragment.selectionSet, into);
      else {
        const abstract = walk.schema.getType(condition);
        if (abstract && !isObjectType(abstract) && walk.schema.isSubType(abstract as never, type))
          collectFields(walk, type, fragment.selectionSet, into);
      }
    }
  }
}

function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (value !== null && typeof value === 'object') yield value as Record<string, unknown>;
}

/** The key value of an entity object, when the client selected its key field (under any alias). */
function keyValue(
  fields: readonly FieldNode[],
  value: Record<string, unknown>,
  key: string,
): string | undefined {
  for (const field of fields) {
    if (field.name.value !== key) continue;
    const found = value[field.alias?.value ?? key];
    if (typeof found === 'string' || typeof found === 'number') return String(found);
  }
  return undefined;
}

/**
 * Visits one object of the response. `covered`: subgraphs whose fields on this object are covered by an entity
 * tag already recorded (the entity itself, or the entity a value object belongs to).
 */
function visit(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  value: Record<string, unknown>,
  covered: ReadonlySet<string>,
  root: boolean,
) {
  const fields: FieldNode[] = [];
  collectFields(walk, type, selectionSet, fields);
  const definitions = type.getFields();
  const key = walk.ownership.keyOf(type.name);
  for (const field of fields) {
    const name = field.name.value;
    const resultKey = field.alias?.value ?? name;
    if (name.startsWith('__') || !(resultKey in value)) continue;
    const definition = definitions[name];
    if (!definition) {
      walk.tags.add(ANY_SUBGRAPH_TAG);
      continue;
    }
    const child = value[resultKey];
    const childType = getNamedType(definition.type);
    // the key is the identity of the object, not data of any subgraph
    const owners = name === key ? [] : walk.ownership.owners(type.name, name);
    if (owners.length === 0 && name !== key) walk.tags.add(ANY_SUBGRAPH_TAG);
    let lookupCovered = false;
    if (root && isObjectType(childType) && child !== null && !Array.isArray(child)) {
      // `event(id: …)`: the field answers the entity its arguments name; the entity's own event covers it
      const childKey = walk.ownership.keyOf(childType.name);
      const tracker = walk.tracked.get(childType.name);
      if (childKey && tracker && owners.length === 1 && owners[0] === tracker) {
        const childFields: FieldNode[] = [];
        if (field.selectionSet) collectFields(walk, childType, field.selectionSet, childFields);
        const found = keyValue(childFields, child as Record<string, unknown>, childKey);
        const args = getArgumentValues(definition, field, walk.variables);
        lookupCovered = found !== undefined && Object.values(args).some((arg) => String(arg) === found);
      }
    }
    for (const owner of owners) if (!covered.has(owner) && !lookupCovered) walk.tags.add(subgraphTag(owner));
    if (!isObjectType(childType) || !field.selectionSet) continue;
    const childKey = walk.ownership.keyOf(childType.name);
    for (const object of objectsIn(child)) {
      let childCovered: ReadonlySet<string>;
      if (childKey !== undefined) {
        const tracker = walk.tracked.get(childType.name);
        const childFields: FieldNode[] = [];
        collectFields(walk, childType, field.selectionSet, childFields);
        const found = tracker ? keyValue(childFields, object, childKey) : undefined;
        if (tracker && found !== undefined) {
          walk.tags.add(entityTag(childType.name, found));
          walk.tags.add(entityTypeTag(childType.name));
          childCovered = new Set([tracker]);
        } else childCovered = new Set();
      } else {
        // a value object (a venue, a date range) is part of the object holding it
        childCovered = new Set(owners.filter((owner) => covered.has(owner) || lookupCovered));
      }
      visit(walk, childType, field.selectionSet, object, childCovered, false);
    }
  }
}

/**
 * The tags of one response (see above). `fetched`: the subgraphs the gateway asked while answering; one that
 * contributed no field the walk saw (it served only keys or `@requires` inputs) is tagged whole, to be safe.
 */
export function cacheTagsOf(options: {
  schema: GraphQLSchema;
  ownership: SupergraphOwnership;
  tracked: TrackedEntities;
  document: { definitions: readonly unknown[] };
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  data: Record<string, unknown> | null | undefined;
  fetched?: Iterable<string>;
}): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of options.document.definitions as { kind: string }[]) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  const walk: Walk = {
    schema: options.schema,
    ownership: options.ownership,
    tracked: options.tracked,
    fragments,
    variables: options.variables ?? {},
    tags: new Set(),
  };
  const root =
    options.operation.operation === 'mutation'
      ? options.schema.getMutationType()
      : options.schema.getQueryType();
  if (!root || !options.data) walk.tags.add(ANY_SUBGRAPH_TAG);
  else visit(walk, root, options.operation.selectionSet, options.data, new Set(), true);
  for (const subgraph of options.fetched ?? []) {
    const named = [...walk.tracked].some(
      ([type, tracker]) => tracker === subgraph && [...walk.tags].some((tag) => tag.startsWith(`e:${type}:`)),
    );
    if (!named) walk.tags.add(subgraphTag(subgraph));
  }
  return walk.tags;
}

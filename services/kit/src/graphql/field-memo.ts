import type { FieldNode, GraphQLResolveInfo } from 'graphql';

/**
 * Values worked out once per field of the operation being executed, keyed by a per-request object (by default
 * the execution's own variables object: graphql-js coerces a fresh one per execution, so nothing crosses
 * requests) and the field's node in the document.
 */
const perScope = new WeakMap<object, WeakMap<FieldNode, unknown>>();

/**
 * `compute()` once per field of an operation, however many objects the field is resolved on: a field's
 * arguments come from its node in the document and the request's variables, so the 244 `Region.events(…)` of
 * a dashboard's `_entities` have the same arguments and need their filter checked and normalised only once.
 * Use it only for work that depends on nothing but the arguments (and the request): not on the parent object.
 * A `compute` that throws is not remembered (each call throws again, as the field's error on each object).
 * Work that reads data should pass the request's `loaders` as `scope`: a subscription executes every event
 * with the same variables object but renews its loaders per event (`renewScope`), so nothing read for an
 * earlier event is served again.
 */
export function oncePerField<T>(
  info: GraphQLResolveInfo,
  compute: () => T,
  scope: object = info.variableValues,
): T {
  const node = info.fieldNodes[0];
  if (!node) return compute();
  let values = perScope.get(scope);
  if (!values) perScope.set(scope, (values = new WeakMap()));
  if (values.has(node)) return values.get(node) as T;
  const value = compute();
  values.set(node, value);
  return value;
}

import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Field resolvers marked `@LeanResolver()`, by resolver class: their methods are called straight from graphql-js
 * (see {@link leanFieldResolvers}).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's metadata keys classes so
const leanMethods = new Map<Function, Set<string>>();

/**
 * Marks a `@FieldResolver` method to be called without type-graphql's per-call wrapper. For fields asked of
 * many objects in one request (`Region.latest` on 244 regions of a dashboard, three times): type-graphql
 * re-sorts the parameters, converts the parent object to its class and checks every argument in an async
 * function on every call — three to five promises per call before the method runs. The field keeps its
 * declaration (type, arguments, descriptions) in its class; only the call changes: the method gets the parent
 * object as it is, the arguments as GraphQL coerced them, the context and the info.
 *
 * Only for fields whose arguments are scalars and enums, taken one by one with `@Arg` (the kit's argument rules
 * only apply to objects: input objects and `@Args` classes, which would also need converting to their classes),
 * without `@Authorized` or middlewares on the field or its resolver class: the schema build refuses anything
 * else.
 */
export function LeanResolver(): MethodDecorator {
  return (prototype, methodName) => {
    const target = prototype.constructor;
    let methods = leanMethods.get(target);
    if (!methods) leanMethods.set(target, (methods = new Set()));
    methods.add(String(methodName));
  };
}

/** Whether an argument of this type arrives from graphql-js as type-graphql would pass it (no conversion). */
const passesAsIs = (type: GraphQLInputType): boolean => !isInputObjectType(getNamedType(type));

/**
 * The lean resolvers of the `@LeanResolver()` methods among `resolverClasses`, by GraphQL type and field name,
 * to replace type-graphql's in the resolver map of `schema` (the schema type-graphql built from them, with
 * `globalMiddlewares` global middlewares: a lean resolver would skip them, so there must be none).
 */
export function leanFieldResolvers(
  schema: GraphQLSchema,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as `buildSchema({ resolvers })`
  resolverClasses: readonly Function[],
  { globalMiddlewares = 0 }: { globalMiddlewares?: number } = {},
): Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> {
  const storage = getMetadataStorage();
  const result: Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> = {};
  for (const target of resolverClasses) {
    for (const methodName of leanMethods.get(target) ?? []) {
      const where = `${target.name}.${methodName}`;
      const field = storage.fieldResolvers.find(
        (resolver) => resolver.target === target && resolver.methodName === methodName,
      );
      const objectClass = field?.getObjectType?.();
      const typeName = storage.objectTypes.find((type) => type.target === objectClass)?.name;
      const type = typeName ? schema.getType(typeName) : undefined;
      const fieldConfig = isObjectType(type) ? type.getFields()[field!.schemaName] : undefined;
      if (!field || !typeName || !fieldConfig)
        throw new Error(`@LeanResolver on ${where}: not a field resolver`);
      const guarded =
        storage.authorizedFields.some((entry) => entry.target === target && entry.fieldName === methodName) ||
        storage.authorizedResolver.some((entry) => entry.target === target) ||
        storage.middlewares.some((entry) => entry.target === target && entry.fieldName === methodName) ||
        storage.resolverMiddlewares.some((entry) => entry.target === target);
      if (guarded || globalMiddlewares > 0)
        throw new Error(`@LeanResolver on ${where}: the field has @Authorized or middlewares`);
      const unfit = fieldConfig.args.filter((arg) => !passesAsIs(arg.type)).map((arg) => arg.name);
      if (unfit.length) {
        throw new Error(`@LeanResolver on ${where}: input object arguments need type-graphql (${unfit})`);
      }
      const params = storage.params
        .filter((param) => param.target === target && param.methodName === methodName)
        .sort((a, b) => a.index - b.index);
      const pick = params.map(
        (param): ((...call: Parameters<GraphQLFieldResolver<unknown, unknown>>) => unknown) => {
          switch (param.kind) {
            case 'root':
              return param.propertyName
                ? (root) => (root as Record<string, unknown>)[param.propertyName!]
                : (root) => root;
            case 'arg':
              return (_root, args) => args[param.name];
            case 'context':
              return param.propertyName
                ? (_root, _args, context) => (context as Record<string, unknown>)[param.propertyName!]
                : (_root, _args, context) => context;
            case 'info':
              return (_root, _args, _context, info) => info;
            default:
              throw new Error(
                `@LeanResolver on ${where}: parameter ${param.index} is a ${param.kind} parameter`,
              );
          }
        },
      );
      // one instance per class, as type-graphql's default container keeps
      let instance: Record<string, (...values: unknown[]) => unknown> | undefined;
      (result[typeName] ??= {})[field.schemaName] = (root, args, context, info) => {
        instance ??= new (target as new () => Record<string, (...values: unknown[]) => unknown>)();
        return instance[methodName]!(...pick.map((value) => value(root, args, context, info)));
      };
    }
  }
  return result;
}

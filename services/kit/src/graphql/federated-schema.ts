import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { leanFieldResolvers } from './lean-resolvers';
import { HUB_SCALARS_MAP } from './scalars';

/**
 * The Federation 2 directives our subgraphs may use; 2.9 brings the demand-control directives (`@listSize`,
 * `@cost`), which composition keeps in the supergraph and the gateway's cost limit reads.
 */
const FEDERATION_LINK = /* GraphQL */ `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.9"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@listSize", "@cost"]
    )
`;

const ROOT_TYPE_DESCRIPTIONS: Array<
  [(schema: GraphQLSchema) => GraphQLObjectType | null | undefined, string]
> = [
  [(schema) => schema.getQueryType(), 'Read access to the data of the Integration Partnership Hub.'],
  [
    (schema) => schema.getMutationType(),
    'Changes to the data of the Integration Partnership Hub (sign-in required).',
  ],
  [(schema) => schema.getSubscriptionType(), 'Live updates from the Integration Partnership Hub.'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, (reference: any, context: any, info: any) => unknown>;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck'> {
  /** `__resolveReference` per entity type name. */
  referenceResolvers?: ReferenceResolvers;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql builds and prints the schema
 * with its directives (`@key` …), `buildSubgraphSchema` adds `_entities`/`_service`, and the reference
 * resolvers are merged into the resolver map.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, ...buildOptions } = options;
  // A `Date` design type is the hub's `DateTime` (type-graphql's default would be `DateTimeISO`).
  const typeGraphqlSchema = await buildSchema({
    scalarsMap: HUB_SCALARS_MAP,
    ...buildOptions,
    skipCheck: true,
  });
  // type-graphql has no way to describe root types; every subgraph uses the same words so composition agrees.
  for (const [rootType, description] of ROOT_TYPE_DESCRIPTIONS) {
    const type = rootType(typeGraphqlSchema);
    if (type) type.description = description;
  }
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  // `@LeanResolver()` methods are called without type-graphql's per-call wrapper (see lean-resolvers.ts)
  const resolverClasses = Array.isArray(buildOptions.resolvers) ? buildOptions.resolvers : [];
  const lean = leanFieldResolvers(typeGraphqlSchema, resolverClasses, {
    globalMiddlewares: buildOptions.globalMiddlewares?.length ?? 0,
  });
  for (const [typeName, fields] of Object.entries(lean)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
  }
  for (const [typeName, resolveReference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(typeGraphqlSchema));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * Every type, field, argument, input field and enum value of `schema` without a description (the schema is
 * the product's documentation), as `Type`, `Type.field`, `Type.field(argument)` or `Enum.VALUE`. Introspection
 * types and built-in scalars are left out.
 */
export function undocumentedSchemaElements(schema: GraphQLSchema): string[] {
  const undocumented: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || BUILT_IN_SCALARS.has(type.name)) continue;
    if (!type.description?.trim()) undocumented.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description?.trim()) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description?.trim()) undocumented.push(`${type.name}.${value.name}`);
      }
    }
  }
  return undocumented;
}
